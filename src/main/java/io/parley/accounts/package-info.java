/**
 * Tenants, users, roles, passwords and API tokens, and who is calling: authentication for the API and the console,
 * the first-start admin, and the {@link io.parley.accounts.Actor} that other modules record as the author of a change.
 */
@org.springframework.modulith.ApplicationModule(
		displayName = "Accounts",
		allowedDependencies = { "cluster", "database", "http", "shared" })
package io.parley.accounts;

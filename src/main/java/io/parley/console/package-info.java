/**
 * The server-rendered web console for admins and agents. It holds no rules of its own: every page calls the same
 * module APIs as the REST API.
 */
@org.springframework.modulith.ApplicationModule(
		displayName = "Console",
		allowedDependencies = { "accounts", "assets", "audit", "chat", "contactpoints", "database", "http", "profiles",
				"routing", "shared", "widget" })
package io.parley.console;

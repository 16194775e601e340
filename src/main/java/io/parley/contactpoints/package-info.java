/**
 * Points of contact: the entry points customers start chats from, with their skill queue, active flag and allowed
 * origins, and the assignment of at most one chat profile to each, made from either side. The public widget reads
 * them through {@link io.parley.contactpoints.PointOfContactCatalog}.
 */
@org.springframework.modulith.ApplicationModule(
		displayName = "Points of contact",
		allowedDependencies = { "accounts", "http", "profiles", "shared" })
package io.parley.contactpoints;

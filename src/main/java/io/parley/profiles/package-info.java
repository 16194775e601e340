/**
 * Chat profiles: the look and behaviour of the Customer Chat Interface (V1 with a logo, V2 with a pre-chat form and a
 * waiting queue screen), the rules between their fields, and the events every change publishes. Other modules read
 * profiles through {@link io.parley.profiles.ChatProfileCatalog}; a profile knows nothing of the points of contact
 * that show it, and asks them through {@link io.parley.profiles.ChatProfileDeleting} before it goes.
 */
@org.springframework.modulith.ApplicationModule(
		displayName = "Chat profiles",
		allowedDependencies = { "accounts", "assets", "http", "shared" })
package io.parley.profiles;

/**
 * The public face of Parley on a business's web pages: the resolved configuration of a point of contact (its chat
 * profile's public fields, or the built-in default look), cached in memory and answered with ETags, and the origin
 * checks that keep a point of contact on the sites it allows.
 */
@org.springframework.modulith.ApplicationModule(
		displayName = "Widget",
		allowedDependencies = { "assets", "contactpoints", "http", "profiles", "routing", "shared" })
package io.parley.widget;

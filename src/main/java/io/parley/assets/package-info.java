/**
 * Uploaded images (logos, hero images): checked by their bytes, never by name or declared type, stored in the
 * database so that every node serves them, and served publicly with immutable caching.
 */
@org.springframework.modulith.ApplicationModule(
		displayName = "Assets",
		allowedDependencies = { "accounts", "http", "shared" })
package io.parley.assets;

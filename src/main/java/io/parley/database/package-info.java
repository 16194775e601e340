/**
 * The PostgreSQL connection: an embedded server whose data lives in {@code PARLEY_DATA_DIR} by default (reachable only
 * with the password in that directory, durable, supervised and restarted when it dies), or the server named by
 * {@code PARLEY_DATABASE_URL}; the timeouts that turn a dead or hung database into a fast 503
 * ({@link io.parley.database.DatabaseOutage}) and the work exempt from them ({@link io.parley.database.LongRunning});
 * and the lock that keeps a second Parley off the same data directory.
 */
@org.springframework.modulith.ApplicationModule(
		displayName = "Database",
		allowedDependencies = {})
package io.parley.database;

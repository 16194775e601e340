/**
 * The PostgreSQL connection: an embedded server whose data lives in {@code PARLEY_DATA_DIR} by default, or the
 * server named by {@code PARLEY_DATABASE_URL}; and the lock that keeps a second Parley off the same data directory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package io.parley.database;

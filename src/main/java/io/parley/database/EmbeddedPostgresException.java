package io.parley.database;

/** The embedded PostgreSQL could not be started (or started again); the message says why, in PostgreSQL's words. */
class EmbeddedPostgresException extends RuntimeException {

	EmbeddedPostgresException(String message) {
		super(message);
	}

	EmbeddedPostgresException(String message, Throwable cause) {
		super(message, cause);
	}
}

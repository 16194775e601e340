package io.parley.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means that the database cannot be reached or did not answer in time (no connection from the pool,
 * a refused or timed-out connection or login, a socket timeout, a server shutting down): a passing state, answered
 * with 503 and {@code Retry-After}, not a bug (500) and not the caller's fault (4xx).
 */
public final class DatabaseOutage {

	/** What a client is told to wait ({@code Retry-After}): enough for the embedded PostgreSQL to be started again. */
	private static final int RETRY_AFTER_SECONDS = 5;

	private DatabaseOutage() {
	}

	/** The {@code Retry-After} header's value for an answer that the database is out of reach, in seconds. */
	public static String retryAfter() {
		return Integer.toString(RETRY_AFTER_SECONDS);
	}

	/** True when {@code failure} or one of its causes says the database is out of reach. */
	public static boolean explains(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
					|| t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
					|| t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
					|| t instanceof SQLRecoverableException) {
				return true;
			}
			// 08: connection exception; 57P01-57P05: the server shuts down, crashed or cannot take connections yet
			if (t instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
		}
		return false;
	}
}

package io.parley.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in one line why the embedded PostgreSQL did not start, instead of a stack trace. */
class EmbeddedPostgresFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedPostgresException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedPostgresException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"PostgreSQL's own messages are in the log above (logger io.parley.database.postgres). To run on a "
						+ "PostgreSQL server instead, set PARLEY_DATABASE_URL.",
				cause);
	}
}

package io.parley.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a refused start on a data directory that is in use, instead of a stack trace. */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
		return new FailureAnalysis(cause.getMessage() + ". Two Parley processes cannot share one embedded database.",
				"Stop the other Parley, or give this one its own directory with PARLEY_DATA_DIR, "
						+ "or point both at a PostgreSQL server with PARLEY_DATABASE_URL.",
				cause);
	}
}

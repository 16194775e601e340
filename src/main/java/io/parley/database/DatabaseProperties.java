package io.parley.database;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Parley keeps its data.
 *
 * @param dataDir the data directory ({@code PARLEY_DATA_DIR}); the embedded server keeps its files in {@code postgres/} below it
 * @param url a JDBC URL of a PostgreSQL server ({@code PARLEY_DATABASE_URL}); blank starts the embedded server
 * @param username the server's user ({@code PARLEY_DATABASE_USERNAME})
 * @param password the server's password ({@code PARLEY_DATABASE_PASSWORD})
 * @param embeddedEphemeral delete the embedded server's data when Parley stops (tests only)
 * @param maxPoolSize the largest number of connections Parley opens
 * @param timeout how long a request waits for the database ({@code PARLEY_DATABASE_TIMEOUT}): for a connection from
 * the pool, for a new one to open and log in, and for an answer; then it is answered 503 (see {@link LongRunning} for
 * work without this bound)
 */
@ConfigurationProperties("parley.database")
record DatabaseProperties(@DefaultValue("./data") Path dataDir, String url, String username, String password,
		@DefaultValue("false") boolean embeddedEphemeral, @DefaultValue("20") int maxPoolSize,
		@DefaultValue("3s") Duration timeout) {

	boolean embedded() {
		return url == null || url.isBlank();
	}
}

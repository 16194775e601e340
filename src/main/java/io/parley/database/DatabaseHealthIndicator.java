package io.parley.database;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The database's part of health and readiness ({@code db}), in place of Spring Boot's: DOWN at once while the embedded
 * PostgreSQL is down or restarting, and DOWN when a connection cannot be had or does not answer within the database
 * timeout. The check runs on a thread of its own and is waited for only that long, so it cannot hang the probe.
 */
class DatabaseHealthIndicator implements HealthIndicator {

	private final DataSource dataSource;
	private final EmbeddedPostgresServer embedded;
	private final Duration timeout;

	DatabaseHealthIndicator(DataSource dataSource, EmbeddedPostgresServer embedded, Duration timeout) {
		this.dataSource = dataSource;
		this.embedded = embedded;
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		if (embedded != null && !embedded.running()) {
			return Health.down().withDetail("error", "The embedded PostgreSQL is not running; Parley is starting it again.")
				.build();
		}
		CompletableFuture<Health> check = new CompletableFuture<>();
		Thread.ofVirtual().name("parley-database-health").start(() -> {
			try (Connection connection = dataSource.getConnection()) {
				String product = connection.getMetaData().getDatabaseProductName();
				check.complete(connection.isValid((int) Math.max(1, timeout.toSeconds()))
						? Health.up().withDetail("database", product).build()
						: Health.down().withDetail("error", "The database connection is not valid.").build());
			}
			catch (Exception e) {
				check.completeExceptionally(e);
			}
		});
		try {
			return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException e) {
			return Health.down().withDetail("error", "The database did not answer within " + timeout.toMillis() + " ms.")
				.build();
		}
		catch (ExecutionException e) {
			return Health.down().withDetail("error", e.getCause().getClass().getSimpleName()).build();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Health.down().build();
		}
	}
}

package io.parley.database;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariConfig;

/**
 * The one {@link DataSource}: the server of {@code PARLEY_DATABASE_URL} when set, otherwise the embedded server,
 * which is stopped after the pool is closed. Its connections give up after the database timeout
 * ({@code PARLEY_DATABASE_TIMEOUT}): waiting for a connection from the pool, opening one (TCP and login) and waiting
 * for an answer, so that a dead or hung database makes an interactive request fail fast (a 503, see
 * {@link DatabaseOutage}) instead of hanging it. Long work runs without the socket timeout (see {@link LongRunning}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnExpression("'${parley.database.url:}'.isBlank()")
	EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties properties) {
		return new EmbeddedPostgresServer(properties.dataDir(), properties.embeddedEphemeral());
	}

	@Bean(destroyMethod = "close")
	ParleyDataSource dataSource(DatabaseProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("parley");
		config.setMaximumPoolSize(properties.maxPoolSize());
		if (properties.embedded()) {
			EmbeddedPostgresServer server = embedded.getObject();
			config.setJdbcUrl(server.jdbcUrl());
			config.setUsername(server.username());
			config.setPassword(server.password());
		}
		else {
			config.setJdbcUrl(properties.url());
			config.setUsername(properties.username());
			config.setPassword(properties.password());
		}
		long timeout = Math.max(250, properties.timeout().toMillis());
		// The driver counts in whole seconds; settings in the URL win over these.
		String seconds = Long.toString((timeout + 999) / 1000);
		config.setConnectionTimeout(timeout);
		// A pooled connection unused for a moment is checked before it is handed out; a dead one is replaced.
		config.setValidationTimeout(Math.min(1000, timeout));
		config.addDataSourceProperty("connectTimeout", seconds);
		config.addDataSourceProperty("loginTimeout", seconds);
		config.addDataSourceProperty("socketTimeout", seconds);
		config.addDataSourceProperty("tcpKeepAlive", "true");
		return new ParleyDataSource(config);
	}

	/** Migrations may rewrite large tables: they run without the socket timeout of interactive work. */
	@Bean
	FlywayMigrationStrategy migrationsRunToTheirEnd() {
		return flyway -> LongRunning.run(flyway::migrate);
	}

	/** Named so that it replaces Spring Boot's {@code db} indicator, which could wait as long as the pool lets it. */
	@Bean
	DatabaseHealthIndicator dbHealthIndicator(DataSource dataSource, ObjectProvider<EmbeddedPostgresServer> embedded,
			DatabaseProperties properties) {
		return new DatabaseHealthIndicator(dataSource, embedded.getIfAvailable(), properties.timeout());
	}
}

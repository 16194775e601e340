package io.parley.database;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The one {@link DataSource}: the server of {@code PARLEY_DATABASE_URL} when set, otherwise the embedded server,
 * which is stopped after the pool is closed.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnExpression("'${parley.database.url:}'.isBlank()")
	EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties properties) {
		return new EmbeddedPostgresServer(properties.dataDir(), properties.embeddedEphemeral());
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
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
		return new HikariDataSource(config);
	}
}

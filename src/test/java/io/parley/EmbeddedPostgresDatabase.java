package io.parley;

import java.io.IOException;

import javax.sql.DataSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A PostgreSQL of the test's own for slices and module tests, migrated by Flyway as the application's is. */
@TestConfiguration(proxyBeanMethods = false)
public class EmbeddedPostgresDatabase {

	@Bean(destroyMethod = "close")
	EmbeddedPostgres postgres() throws IOException {
		return EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres) {
		return postgres.getPostgresDatabase();
	}
}

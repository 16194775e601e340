package io.parley.database;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A {@code @JdbcTest} slice on Parley's own database: the embedded PostgreSQL (data under {@code target/}, deleted
 * afterwards) with the pool and migrations the application has, instead of the in-memory database the slice would
 * put in its place. Each test runs in a transaction that is rolled back. Add the repositories under test with
 * {@code @Import}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JdbcTest(properties = { "parley.database.data-dir=target/test-data/${random.uuid}",
		"parley.database.embedded-ephemeral=true", "logging.level.root=WARN" })
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(EmbeddedDatabaseSlice.Database.class)
public @interface EmbeddedDatabaseSlice {

	/** The database module's configuration: the one DataSource, on the embedded server. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DatabaseProperties.class)
	@Import(DatabaseConfiguration.class)
	class Database {
	}
}

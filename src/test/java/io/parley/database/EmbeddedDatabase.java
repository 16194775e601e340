package io.parley.database;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The one way a test that starts part of Parley (an {@code @ApplicationModuleTest}, a web slice, or a
 * {@code @JdbcTest} through {@link EmbeddedDatabaseSlice}) gets its database: Parley's own embedded PostgreSQL and
 * pool, as the application configures them (the database module's {@link DatabaseConfiguration}), with its data under
 * {@code target/test-data/} deleted afterwards. Flyway migrates it wherever the test starts Flyway (module tests and
 * slices do). An {@code @ApplicationModuleTest} also includes the module ({@code extraIncludes = "database"}): Modulith
 * leaves out the beans of modules it does not start, the imported configuration among them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = { "parley.database.data-dir=target/test-data/${random.uuid}",
		"parley.database.embedded-ephemeral=true" })
@Import(EmbeddedDatabase.Database.class)
public @interface EmbeddedDatabase {

	/** The database module's configuration: the one DataSource, on the embedded server. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DatabaseProperties.class)
	@Import(DatabaseConfiguration.class)
	class Database {
	}
}

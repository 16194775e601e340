package io.parley.database;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/**
 * A {@code @JdbcTest} slice on Parley's own embedded PostgreSQL (not an in-memory stand-in), migrated by Flyway, with
 * data under {@code target/} deleted afterwards. Each test runs in a transaction that is rolled back.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JdbcTest(properties = { "parley.database.data-dir=target/test-data/${random.uuid}",
		"parley.database.embedded-ephemeral=true", "logging.level.root=WARN" })
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(DatabaseConfiguration.class)
@EnableConfigurationProperties(DatabaseProperties.class)
public @interface EmbeddedPostgresJdbcTest {
}

package io.parley;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of the whole application over real HTTP on a random port, on an embedded PostgreSQL whose data lives
 * under {@code target/} and is deleted afterwards. All such tests share one running Parley, so each makes its own
 * names and tenants.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"parley.database.data-dir=target/test-data/${random.uuid}",
		"parley.database.embedded-ephemeral=true",
		"parley.accounts.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
		"logging.level.root=WARN", "logging.level.io.parley=INFO" })
public @interface IntegrationTest {

	String ADMIN_PASSWORD = "admin-password-for-tests";
}

package io.parley.database;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;

/**
 * A {@code @JdbcTest} slice on Parley's own database (see {@link EmbeddedDatabase}) with the migrations the
 * application has, instead of the in-memory database the slice would put in its place. Each test runs in a transaction
 * that is rolled back. Add the repositories under test with {@code @Import}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JdbcTest(properties = "logging.level.root=WARN")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@EmbeddedDatabase
public @interface EmbeddedDatabaseSlice {
}

package io.parley.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.ParleyApplication;
import io.parley.SwitchedOn;

/**
 * Parley on a PostgreSQL server instead of the embedded one: switched on by {@code PARLEY_TEST_DATABASE_URL} (with
 * {@code PARLEY_TEST_DATABASE_USERNAME}/{@code _PASSWORD}), skipped with a printed reason when it is not set, and
 * failing when it is set but the server cannot be reached. It creates a fresh database on the server, runs Parley
 * with {@code PARLEY_DATABASE_URL} pointing at it, and drops it afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SwitchedOn(value = "PARLEY_TEST_DATABASE_URL", needs = "a PostgreSQL server, e.g. jdbc:postgresql://127.0.0.1:5432/test,"
		+ " user in PARLEY_TEST_DATABASE_USERNAME")
class PostgresServerIntegrationTest {

	private static final String PASSWORD = "server-suite-admin-password";

	private String serverUrl;
	private String username;
	private String password;
	private String database;
	private ConfigurableApplicationContext parley;
	private int port;

	@BeforeAll
	void startParleyOnTheServer() throws SQLException {
		serverUrl = System.getenv("PARLEY_TEST_DATABASE_URL");
		username = envOr("PARLEY_TEST_DATABASE_USERNAME", "postgres");
		password = envOr("PARLEY_TEST_DATABASE_PASSWORD", "");
		database = "parley_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(serverUrl, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + database);
		}
		parley = new SpringApplicationBuilder(ParleyApplication.class).run(
				"--server.port=0",
				"--parley.database.url=" + databaseUrl(),
				"--parley.database.username=" + username,
				"--parley.database.password=" + password,
				"--parley.accounts.admin-password=" + PASSWORD);
		port = ((WebServerApplicationContext) parley).getWebServer().getPort();
	}

	@AfterAll
	void stopAndDropTheDatabase() throws SQLException {
		if (parley != null) {
			parley.close();
		}
		if (database != null) {
			try (Connection connection = DriverManager.getConnection(serverUrl, username, password);
					Statement statement = connection.createStatement()) {
				statement.execute("drop database if exists " + database + " with (force)");
			}
		}
	}

	@Test
	void runsOnTheServerWithMigrationsApplied() throws SQLException {
		Answer health = HttpApi.basic(port, "admin", PASSWORD).get("/actuator/health"); // the components are for admins
		assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
		try (Connection connection = DriverManager.getConnection(databaseUrl(), username, password);
				Statement statement = connection.createStatement();
				var rs = statement.executeQuery("select count(*) from flyway_schema_history where success")) {
			rs.next();
			assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void firstStartAdminManagesUsers() {
		HttpApi admin = HttpApi.basic(port, "admin", PASSWORD);
		Answer created = admin.post("/api/v1/users", Map.of("username", "server-agent", "displayName", "Server Agent",
				"password", "agent-password", "roles", List.of("AGENT")));
		assertThat(created.status()).isEqualTo(201);
		assertThat(admin.get("/api/v1/users/" + created.json().at("/id").asString()).status()).isEqualTo(200);
	}

	@Test
	void configuresChatAndKeepsAPartitionedAuditHistory() throws SQLException {
		HttpApi admin = HttpApi.basic(port, "admin", PASSWORD);
		Answer profile = admin.post("/api/v1/chat-profiles", Map.of("name", "Server chat", "interfaceVersion", "V2",
				"preChatForm", Map.of("enabled", true, "fields",
						List.of(Map.of("key", "email", "label", "Email", "type", "EMAIL", "required", true)))));
		assertThat(profile.status()).as(profile.toString()).isEqualTo(201);
		String profileId = profile.json().at("/id").asString();
		Answer poc = admin.post("/api/v1/points-of-contact", Map.of("name", "Server shop", "skill", "sales",
				"active", true, "allowedOrigins", List.of("https://shop.example.com"), "chatProfileId", profileId));
		assertThat(poc.status()).as(poc.toString()).isEqualTo(201);
		String pocId = poc.json().at("/id").asString();

		Answer config = HttpApi.anonymous(port).get("/widget/v1/points-of-contact/" + pocId + "/config");
		assertThat(config.json().at("/preChatForm/fields/0/key").asString()).isEqualTo("email");

		Answer history = admin.get("/api/v1/chat-profiles/" + profileId + "/audit");
		assertThat(history.json().at("/items").valueStream().map(row -> row.at("/action").asString()))
			.contains("CREATED", "ASSIGNED");
		assertThat(admin.get("/api/v1/audit?q=server%20shop").json().at("/items").size()).isGreaterThan(0);
		assertThat(admin.get("/api/v1/audit/verify").json().at("/valid").asBoolean()).isTrue();

		try (Connection connection = DriverManager.getConnection(databaseUrl(), username, password);
				Statement statement = connection.createStatement();
				var rs = statement.executeQuery("select count(*) from pg_inherits"
						+ " where inhparent = 'audit_event'::regclass")) {
			rs.next();
			assertThat(rs.getInt(1)).as("monthly partitions created ahead").isGreaterThanOrEqualTo(4);
		}
	}

	private String databaseUrl() {
		// Replace the database name of the configured URL, keeping host, port and parameters.
		int slash = serverUrl.indexOf('/', "jdbc:postgresql://".length());
		int query = serverUrl.indexOf('?', slash);
		return serverUrl.substring(0, slash + 1) + database + (query < 0 ? "" : serverUrl.substring(query));
	}

	private static String envOr(String name, String fallback) {
		String value = System.getenv(name);
		return value == null ? fallback : value;
	}
}

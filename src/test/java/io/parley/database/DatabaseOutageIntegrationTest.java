package io.parley.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.parley.GoldenJson;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.audit.AuditLog;
import io.parley.audit.AuditQuery;

/**
 * A hung database (its PostgreSQL frozen with SIGSTOP) is answered at once: 503 with {@code Retry-After} instead of a
 * hang, never 401 for a caller whose credentials could not be checked, and readiness DOWN; when it thaws, everything
 * works again by itself. The frozen PostgreSQL is this test's own (a Spring context of its own, thrown away
 * afterwards); it is always thawed, whatever fails. Long work, such as an audit export, is not bound by that timeout.
 */
@IntegrationTest
@TestPropertySource(properties = "parley.test.context=outage")
@DirtiesContext
class DatabaseOutageIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	DatabaseProperties database;

	@Autowired
	DataSource dataSource;

	@Autowired
	AuditLog audit;

	@Test
	void answers503WithRetryAfterWhileTheDatabaseIsFrozenAndRecoversWhenItThaws() throws Exception {
		Path pgdata = database.dataDir().toAbsolutePath().normalize().resolve("postgres");
		HttpApi basic = HttpApi.admin(port);
		Answer token = basic.post("/api/v1/api-tokens", Map.of("name", "outage"));
		assertThat(token.status()).as(token.toString()).isEqualTo(201);
		HttpApi bearer = HttpApi.bearer(port, token.json().at("/token").asString());
		assertThat(bearer.get("/api/v1/chat-profiles").status()).isEqualTo(200);
		assertThat(HttpApi.anonymous(port).get("/actuator/health/readiness").status()).isEqualTo(200);
		ConsoleLogin login = ConsoleLogin.open(port);
		ConsoleLogin session = ConsoleLogin.open(port);
		assertThat(session.submit("admin", IntegrationTest.ADMIN_PASSWORD).statusCode()).as("logged in").isEqualTo(302);
		// a user whose HTTP Basic credentials were never checked, so none is remembered: the check needs the database
		String unchecked = "outage-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(basic.post("/api/v1/users", Map.of("username", unchecked, "displayName", "Not checked yet",
				"password", "not-checked-yet", "roles", List.of("ADMIN"))).status()).isEqualTo(201);
		HttpApi uncheckedBasic = HttpApi.basic(port, unchecked, "not-checked-yet");

		List<ProcessHandle> cluster = PostgresProcesses.of(pgdata);
		assertThat(cluster).as("the embedded PostgreSQL's processes, found by %s", pgdata).isNotEmpty();
		SoftAssertions frozen = new SoftAssertions();
		try {
			PostgresProcesses.signal("STOP", cluster);

			Answer byToken = timed("API token call", () -> bearer.get("/api/v1/chat-profiles"));
			unavailable(frozen, "API token call", byToken);
			if (byToken != null && byToken.status() == 503) {
				GoldenJson.assertMatches("api/problem-503-database.json", byToken.json());
			}
			unavailable(frozen, "HTTP Basic call, its credentials remembered",
					timed("HTTP Basic call", () -> basic.get("/api/v1/chat-profiles")));
			Answer unchecking = timed("HTTP Basic call, unchecked credentials",
					() -> uncheckedBasic.get("/api/v1/chat-profiles"));
			unavailable(frozen, "HTTP Basic call, its credentials not checkable", unchecking);
			if (unchecking != null && unchecking.status() == 503) {
				GoldenJson.assertMatches("api/problem-503-database-credentials.json", unchecking.json());
			}

			HttpResponse<String> page = timed("console page", () -> session.get("/console/chat-profiles"));
			if (page == null) {
				frozen.fail("console page: no answer within 60 s");
			}
			else {
				frozen.assertThat(page.statusCode()).as("console page: %s", page.body()).isEqualTo(503);
				frozen.assertThat(page.headers().firstValue("Content-Type").orElse("")).as("console page")
					.startsWith("text/html");
				frozen.assertThat(page.headers().firstValue("Retry-After")).as("console page: Retry-After").isPresent();
				frozen.assertThat(page.body()).as("console page").contains("Unavailable for a moment");
			}

			HttpResponse<String> loggingIn = timed("console login",
					() -> login.submit("admin", IntegrationTest.ADMIN_PASSWORD));
			if (loggingIn == null) {
				frozen.fail("console login: no answer within 60 s");
			}
			else {
				frozen.assertThat(loggingIn.statusCode()).as("console login: %s %s", loggingIn.statusCode(),
						loggingIn.headers().firstValue("Location").orElse("")).isEqualTo(503);
				frozen.assertThat(loggingIn.body()).as("console login page").doesNotContain("password is not right");
			}

			Answer readiness = timed("readiness", () -> HttpApi.anonymous(port).get("/actuator/health/readiness"));
			frozen.assertThat(readiness).as("readiness answered within 60 s").isNotNull();
			if (readiness != null) {
				frozen.assertThat(readiness.status()).as("readiness: %s", readiness).isEqualTo(503);
				frozen.assertThat(readiness.text()).as("readiness").contains("\"DOWN\"");
			}
			Answer health = timed("health", () -> HttpApi.anonymous(port).get("/actuator/health"));
			frozen.assertThat(health).as("health answered within 60 s").isNotNull();
			if (health != null) {
				frozen.assertThat(health.status()).as("health: %s", health).isEqualTo(503);
			}
		}
		finally {
			PostgresProcesses.signal("CONT", cluster);
		}
		frozen.assertAll();

		PostgresProcesses.await(Duration.ofMinutes(1), "readiness UP again",
				() -> HttpApi.anonymous(port).get("/actuator/health/readiness").status() == 200);
		assertThat(bearer.get("/api/v1/chat-profiles").status()).isEqualTo(200);
		assertThat(basic.get("/api/v1/chat-profiles").status()).isEqualTo(200);
		assertThat(login.submit("admin", IntegrationTest.ADMIN_PASSWORD).headers().firstValue("Location"))
			.as("logged in").hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
	}

	@Test
	void longWorkIsNotCutShortByTheTimeoutThatEndsInteractiveRequests() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Throwable given = catchThrowable(() -> jdbc.execute("select pg_sleep(" + (database.timeout().toSeconds() + 2) + ")"));
		assertThat(given).as("an interactive statement longer than the timeout").isNotNull();
		assertThat(DatabaseOutage.explains(given)).as("%s is taken for an outage", given).isTrue();

		LongRunning.run(() -> jdbc.execute("select pg_sleep(" + (database.timeout().toSeconds() + 2) + ")"));
		assertThat(jdbc.execute((ConnectionCallback<Integer>) Connection::getNetworkTimeout))
			.as("back in the pool, the connection has its timeout again")
			.isEqualTo((int) database.timeout().toMillis());

		// The audit export streams in long-running work (so does chain verification, not observable from outside).
		Answer created = HttpApi.admin(port).post("/api/v1/chat-profiles", Map.of("name", "Export " + UUID.randomUUID(),
				"interfaceVersion", "V1"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		UUID tenant = jdbc.queryForObject("select tenant_id from app_user where username = 'admin'", UUID.class);
		List<Integer> timeouts = new ArrayList<>();
		audit.export(new AuditQuery(tenant, null, null, null, null, null, null, Instant.now().minusSeconds(3600),
				Instant.now().plusSeconds(60)), event -> timeouts.add(networkTimeout()));
		assertThat(timeouts).as("the export's connection, row by row").isNotEmpty().containsOnly(0);
	}

	private int networkTimeout() {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			return connection.getNetworkTimeout();
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** A 503 problem with {@code Retry-After}, for a request that could not be served without the database. */
	private static void unavailable(SoftAssertions soft, String what, Answer answer) {
		if (answer == null) {
			soft.fail(what + ": no answer within 60 s");
			return;
		}
		soft.assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(503);
		soft.assertThat(answer.header("Retry-After")).as("%s: Retry-After", what).isNotBlank();
		soft.assertThat(answer.header("Content-Type")).as("%s: Content-Type", what).startsWith("application/problem+json");
	}

	/**
	 * Runs one call and prints how long it took (measured for the report, not asserted); null when it got no answer
	 * within the client's 60 s.
	 */
	private static <T> T timed(String what, Supplier<T> call) {
		long start = System.nanoTime();
		try {
			return call.get();
		}
		catch (IllegalStateException e) {
			if (e.getCause() instanceof HttpTimeoutException) {
				return null;
			}
			throw e;
		}
		finally {
			System.out.printf("DatabaseOutageIntegrationTest: %s answered after %d ms%n", what,
					(System.nanoTime() - start) / 1_000_000);
		}
	}

	/** The console's login form: its page fetched once (session and CSRF token), then submitted. */
	private record ConsoleLogin(HttpClient client, URI base, String csrf) {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		static ConsoleLogin open(int port) throws IOException, InterruptedException {
			HttpClient client = HttpClient.newBuilder()
				.cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(10))
				.build();
			URI base = URI.create("http://localhost:" + port);
			HttpResponse<String> page = client.send(HttpRequest.newBuilder(base.resolve("/login")).build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher csrf = CSRF.matcher(page.body());
			assertThat(csrf.find()).as("the login page has a CSRF token: %s", page.body()).isTrue();
			return new ConsoleLogin(client, base, csrf.group(1));
		}

		HttpResponse<String> submit(String username, String password) {
			String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf);
			try {
				return client.send(HttpRequest.newBuilder(base.resolve("/login"))
					.timeout(Duration.ofSeconds(60))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		HttpResponse<String> get(String path) {
			try {
				return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).build(),
						HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}
	}
}

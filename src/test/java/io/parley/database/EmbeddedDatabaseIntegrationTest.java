package io.parley.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import com.zaxxer.hikari.HikariDataSource;

import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.ParleyApplication;

/**
 * The embedded PostgreSQL as an operator meets it: data that survives a restart, a second Parley refused on the same
 * data directory, and a shutdown that stops the database. Each test starts whole Parleys of its own (not the shared
 * test application) on a data directory of its own under {@code target/}.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseIntegrationTest {

	private static final String PASSWORD = "database-test-password";

	private final Path dataDir = Path.of("target", "test-data", "database-" + UUID.randomUUID()).toAbsolutePath();
	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	@AfterEach
	void stopAndDelete() throws IOException {
		started.forEach(ConfigurableApplicationContext::close);
		FileSystemUtils.deleteRecursively(dataDir);
	}

	@Test
	void keepsDataAcrossARestart() {
		String username = "survivor-" + UUID.randomUUID().toString().substring(0, 8);
		ConfigurableApplicationContext first = start();
		Answer created = admin(first).post("/api/v1/users", Map.of("username", username, "displayName", "Sam Survivor",
				"password", "survivor-password", "roles", List.of("AGENT")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.json().at("/id").asString();
		first.close();

		ConfigurableApplicationContext second = start();
		Answer found = admin(second).get("/api/v1/users/" + id);
		assertThat(found.status()).isEqualTo(200);
		assertThat(found.json().at("/username").asString()).isEqualTo(username);
		assertThat(found.json().at("/displayName").asString()).isEqualTo("Sam Survivor");
		assertThat(HttpApi.basic(port(second), username, "survivor-password").get("/api/v1/users").status())
			.as("the user's password survived too: authenticated, only the role is wrong")
			.isEqualTo(403);
	}

	@Test
	void refusesASecondParleyOnTheSameDataDirectoryWhileTheFirstKeepsRunning(CapturedOutput output) {
		ConfigurableApplicationContext first = start();

		assertThatThrownBy(this::start).hasRootCauseInstanceOf(DataDirectoryInUseException.class)
			.rootCause()
			.hasMessage("Another Parley is already running on the data directory " + dataDir);
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START",
				"Another Parley is already running on the data directory " + dataDir
						+ ". Two Parley processes cannot share one embedded database.",
				"Stop the other Parley, or give this one its own directory with PARLEY_DATA_DIR");
		// Refused before it started a PostgreSQL of its own: only the first one ever started.
		assertThat(occurrences(output.getOut(), "Starting embedded PostgreSQL with data in " + dataDir)).isEqualTo(1);

		Answer health = HttpApi.anonymous(port(first)).get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(admin(first).post("/api/v1/users", Map.of("username", "still-" + UUID.randomUUID().toString().substring(0, 8),
				"displayName", "Still here", "password", "still-password", "roles", List.of("AGENT"))).status())
			.isEqualTo(201);
	}

	@Test
	void refusesASecondParleyProcessOnTheSameDataDirectory() throws Exception {
		ConfigurableApplicationContext first = start();
		Path log = dataDir.resolve("second-parley.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process second = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
				ParleyApplication.class.getName(), "--parley.database.data-dir=" + dataDir, "--server.port=0",
				"--parley.accounts.admin-password=" + PASSWORD)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		// A bound on a hang, not a speed requirement: starting a JVM with Spring takes seconds, refusing takes none.
		boolean exited = second.waitFor(3, TimeUnit.MINUTES);
		if (!exited) {
			second.destroyForcibly();
		}
		String text = Files.readString(log);
		assertThat(exited).as("the second Parley exits instead of waiting: %s", text).isTrue();
		assertThat(second.exitValue()).isNotZero();
		assertThat(text).contains("APPLICATION FAILED TO START",
				"Another Parley is already running on the data directory " + dataDir,
				"Two Parley processes cannot share one embedded database.")
			.doesNotContain("Starting embedded PostgreSQL");

		assertThat(HttpApi.anonymous(port(first)).get("/actuator/health").json().at("/components/db/status").asString())
			.isEqualTo("UP");
	}

	@Test
	void shutdownStopsTheEmbeddedPostgresAndReleasesTheDirectory() throws Exception {
		ConfigurableApplicationContext parley = start();
		int postgresPort = postgresPort(parley);
		assertThat(accepts(postgresPort)).isTrue();
		assertThat(dataDir.resolve("postgres/postmaster.pid")).exists();

		parley.close();

		assertThat(accepts(postgresPort)).as("PostgreSQL still listens on %d", postgresPort).isFalse();
		assertThat(dataDir.resolve("postgres/postmaster.pid")).as("removed by a clean PostgreSQL shutdown").doesNotExist();
		try (FileChannel channel = FileChannel.open(dataDir.resolve("parley.lock"), StandardOpenOption.WRITE);
				FileLock lock = channel.tryLock()) {
			assertThat(lock).as("the data directory's lock is free again").isNotNull();
		}
	}

	@Test
	void explainsARefusedStartWithWhatToDo() {
		DataDirectoryInUseException cause = new DataDirectoryInUseException(dataDir);
		var analysis = new DataDirectoryInUseFailureAnalyzer().analyze(new IllegalStateException("wrapped", cause));
		assertThat(analysis.getDescription()).isEqualTo("Another Parley is already running on the data directory "
				+ dataDir + ". Two Parley processes cannot share one embedded database.");
		assertThat(analysis.getAction()).contains("PARLEY_DATA_DIR", "PARLEY_DATABASE_URL");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	private ConfigurableApplicationContext start() {
		// Command-line arguments, because application.yaml would override default properties.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ParleyApplication.class)
			.run("--parley.database.data-dir=" + dataDir, "--server.port=0", "--parley.accounts.admin-password=" + PASSWORD);
		started.add(context);
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static HttpApi admin(ConfigurableApplicationContext context) {
		return HttpApi.basic(port(context), "admin", PASSWORD);
	}

	private static int postgresPort(ConfigurableApplicationContext context) {
		String url = context.getBean(HikariDataSource.class).getJdbcUrl();
		Matcher matcher = Pattern.compile("//[^:/]+:(\\d+)/").matcher(url);
		assertThat(matcher.find()).as(url).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static boolean accepts(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", port), 5000);
			return true;
		}
		catch (ConnectException e) {
			return false;
		}
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
			count++;
		}
		return count;
	}
}

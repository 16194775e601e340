package io.parley.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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

		Answer health = admin(first).get("/actuator/health"); // the components are for admins
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

		assertThat(admin(first).get("/actuator/health").json().at("/components/db/status").asString())
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
	void letsInOnlyWhoeverHoldsThePasswordInTheDataDirectory() throws Exception {
		int postgresPort = postgresPort(start());
		Path pgpass = dataDir.resolve("pgpass");
		SoftAssertions lockedDown = new SoftAssertions();
		lockedDown.assertThat(catchThrowable(() -> connect(postgresPort, null).close()))
			.as("refusal of a superuser connection over TCP without a password")
			.isInstanceOf(SQLException.class);
		lockedDown.assertThat(catchThrowable(() -> connect(postgresPort, "not-the-password").close()))
			.as("refusal of a superuser connection over TCP with a wrong password")
			.isInstanceOf(SQLException.class);
		lockedDown.assertThat(pgpass).as("the generated password's file").exists();
		String password = Files.exists(pgpass) ? password(pgpass) : null;
		if (password != null) {
			lockedDown.assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pgpass)))
				.as("the password file's mode").isEqualTo("rw-------");
		}
		try (Connection connection = connect(postgresPort, password); Statement statement = connection.createStatement()) {
			lockedDown.assertThat(setting(statement, "listen_addresses")).as("listen_addresses").isEqualTo("127.0.0.1");
			lockedDown.assertThat(setting(statement, "synchronous_commit")).as("synchronous_commit").isEqualTo("on");
			lockedDown.assertThat(setting(statement, "fsync")).as("fsync").isEqualTo("on");
			lockedDown.assertThat(setting(statement, "full_page_writes")).as("full_page_writes").isEqualTo("on");
			lockedDown.assertThat(setting(statement, "password_encryption")).as("password_encryption")
				.isEqualTo("scram-sha-256");
			String sockets = setting(statement, "unix_socket_directories");
			lockedDown.assertThat(sockets).as("unix_socket_directories").isEqualTo(dataDir.resolve("socket").toString());
			if (Files.isDirectory(Path.of(sockets))) {
				lockedDown.assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(sockets))))
					.as("the socket directory's mode").isEqualTo("rwx------");
			}
			List<String> rules = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("select type, coalesce(address, ''), auth_method, error"
					+ " from pg_hba_file_rules order by rule_number")) {
				while (rs.next()) {
					rules.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)
							+ (rs.getString(4) == null ? "" : " " + rs.getString(4)));
				}
			}
			lockedDown.assertThat(rules).as("pg_hba.conf").containsExactly("local  scram-sha-256",
					"host 127.0.0.1 scram-sha-256");
		}
		lockedDown.assertAll();
	}

	@Test
	void upgradesTheTrustDataDirectoryOfAnEarlierParleyInPlace() throws Exception {
		// What earlier Parleys made: zonky's defaults, trust for everyone, no password file.
		try (EmbeddedPostgres earlier = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir.resolve("postgres"))
			.setCleanDataDirectory(false)
			.setOverrideWorkingDirectory(dataDir.resolve("runtime").toFile())
			.start(); Connection connection = earlier.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			// In a schema of its own, as Flyway starts only on an empty (or its own) public schema.
			statement.execute("create schema earlier");
			statement.execute("create table earlier.note (text text)");
			statement.execute("insert into earlier.note values ('written by an earlier Parley')");
		}

		ConfigurableApplicationContext upgraded = start();
		JdbcTemplate jdbc = new JdbcTemplate(upgraded.getBean(DataSource.class));
		assertThat(jdbc.queryForObject("select text from earlier.note", String.class))
			.isEqualTo("written by an earlier Parley");
		int postgresPort = postgresPort(upgraded);
		assertThat(catchThrowable(() -> connect(postgresPort, null).close()))
			.as("refusal of a connection without a password: trust is gone")
			.isInstanceOf(SQLException.class);
		assertThat(dataDir.resolve("pgpass")).exists();
		upgraded.close();

		ConfigurableApplicationContext again = start();
		assertThat(new JdbcTemplate(again.getBean(DataSource.class)).queryForObject("select count(*) from earlier.note",
				Integer.class)).as("the upgraded directory starts again with its password").isEqualTo(1);
		assertThat(admin(again).get("/api/v1/users").status()).isEqualTo(200);
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

	private static Connection connect(int port, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		if (password != null) {
			properties.setProperty("password", password);
		}
		properties.setProperty("connectTimeout", "10");
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
	}

	/** The password of a pgpass file's line ({@code host:port:database:user:password}). */
	private static String password(Path pgpass) throws IOException {
		String line = Files.readAllLines(pgpass).get(0);
		return line.substring(line.lastIndexOf(':') + 1);
	}

	private static String setting(Statement statement, String name) throws SQLException {
		try (ResultSet rs = statement.executeQuery("select current_setting('" + name + "')")) {
			rs.next();
			return rs.getString(1);
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

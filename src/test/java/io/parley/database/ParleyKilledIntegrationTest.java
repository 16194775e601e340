package io.parley.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import io.parley.HttpApi;
import io.parley.ParleyApplication;

/**
 * Parley killed with SIGKILL leaves its embedded PostgreSQL running, an orphan. The next Parley on the same data
 * directory stops it, starts the database afresh and has every message the killed one acknowledged. Parley runs as
 * a separate JVM here (from the test class path), so that it can really be killed.
 */
class ParleyKilledIntegrationTest {

	private static final String PASSWORD = "killed-test-password";
	private static final int MESSAGES = 25;

	private final Path dataDir = Path.of("target", "test-data", "killed-" + UUID.randomUUID()).toAbsolutePath();
	private final Path pgdata = dataDir.resolve("postgres");
	private final List<Process> parleys = new ArrayList<>();

	@AfterEach
	void stopEverythingAndDelete() throws IOException {
		parleys.forEach(Process::destroyForcibly);
		PostgresProcesses.signal("KILL", PostgresProcesses.of(pgdata));
		FileSystemUtils.deleteRecursively(dataDir);
	}

	@Test
	void stopsTheOrphanedPostgresOfAKilledParleyAndKeepsWhatItAcknowledged() throws Exception {
		Files.createDirectories(dataDir);
		int first = start("first");
		CustomerChat chat = CustomerChat.start(first, HttpApi.basic(first, "admin", PASSWORD));
		List<String> acknowledged = chat.send(MESSAGES, "before the kill");
		List<ProcessHandle> orphan = PostgresProcesses.postmasters(pgdata);
		assertThat(orphan).as("the first Parley's postmaster").hasSize(1);

		Process killed = parleys.get(0);
		killed.destroyForcibly();
		assertThat(killed.waitFor(1, TimeUnit.MINUTES)).isTrue();
		assertThat(PostgresProcesses.running(orphan.get(0))).as("the killed Parley's PostgreSQL runs on, orphaned").isTrue();

		int second = start("second");
		String log = Files.readString(dataDir.resolve("second.log"));
		assertThat(PostgresProcesses.running(orphan.get(0))).as("the orphan was stopped").isFalse();
		List<String> said = log.lines().filter(line -> line.contains("left running")).toList();
		assertThat(said).as("one line says what happened to the orphan").hasSize(1);
		System.out.println("ParleyKilledIntegrationTest: " + said.get(0));
		assertThat(PostgresProcesses.postmasters(pgdata)).as("one PostgreSQL, the second Parley's own").hasSize(1)
			.doesNotContainAnyElementsOf(orphan);

		CustomerChat after = new CustomerChat(HttpApi.basic(second, "admin", PASSWORD), null, chat.chatId());
		assertThat(after.transcript()).as("every message the killed Parley acknowledged").containsAll(acknowledged);

		Process stopping = parleys.get(1);
		stopping.destroy();
		assertThat(stopping.waitFor(2, TimeUnit.MINUTES)).as("the second Parley stops on SIGTERM").isTrue();
		assertThat(PostgresProcesses.of(pgdata)).as("and stops its PostgreSQL with it").isEmpty();
	}

	/** Starts a Parley JVM on the data directory, logging to {@code <name>.log}; answers its port once it is ready. */
	private int start(String name) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = dataDir.resolve(name + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process parley = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
				"-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
				ParleyApplication.class.getName(), "--parley.database.data-dir=" + dataDir, "--server.port=" + port,
				"--parley.accounts.admin-password=" + PASSWORD,
				// what is counted here is durability, not how fast one customer may send
				"--parley.chat.limits.messages-per-10s=0")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		parleys.add(parley);
		HttpApi anonymous = HttpApi.anonymous(port);
		// A bound on a hang, not a speed requirement: a JVM with Spring takes a while on a busy machine.
		PostgresProcesses.await(Duration.ofMinutes(3), name + " Parley to be ready", () -> {
			if (!parley.isAlive()) {
				throw new AssertionError(name + " Parley exited with " + parley.exitValue() + ":\n" + tail(log));
			}
			try {
				return anonymous.get("/actuator/health/readiness").status() == 200;
			}
			catch (IllegalStateException e) {
				return false;
			}
		});
		return port;
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException e) {
			return e.toString();
		}
	}
}

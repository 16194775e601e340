package io.parley.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.parley.HttpApi;
import io.parley.IntegrationTest;

/**
 * What Parley acknowledged survives a crash of the embedded PostgreSQL: every one of its processes killed at once
 * with SIGKILL, so nothing is flushed on the way down; Parley notices, starts it again and carries on. Runs in a
 * Spring context of its own (its own embedded PostgreSQL), never in the one the other tests share.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
// what is counted here is durability, not how fast one customer may send
@TestPropertySource(properties = { "parley.test.context=durability", "parley.chat.limits.messages-per-10s=0" })
@DirtiesContext
class DatabaseDurabilityIntegrationTest {

	private static final int MESSAGES = 40;

	@LocalServerPort
	int port;

	@Autowired
	DatabaseProperties database;

	@Test
	void keepsEveryAcknowledgedMessageWhenEveryPostgresProcessIsKilled(CapturedOutput output) {
		Path pgdata = database.dataDir().toAbsolutePath().normalize().resolve("postgres");
		CustomerChat chat = CustomerChat.start(port, HttpApi.admin(port));
		List<ProcessHandle> before = PostgresProcesses.of(pgdata);
		assertThat(before).as("the embedded PostgreSQL's processes, found by %s", pgdata).isNotEmpty();

		List<String> acknowledged = chat.send(MESSAGES, "kept");
		List<ProcessHandle> cluster = PostgresProcesses.of(pgdata);
		PostgresProcesses.signal("KILL", cluster);

		PostgresProcesses.await(Duration.ofSeconds(30), "the killed processes to be gone",
				() -> !PostgresProcesses.anyAlive(cluster));
		PostgresProcesses.await(Duration.ofMinutes(2), "Parley to start its PostgreSQL again and answer", chat::readable);
		List<ProcessHandle> postmasters = PostgresProcesses.postmasters(pgdata);
		assertThat(postmasters).as("one new postmaster").hasSize(1);
		assertThat(cluster).as("the new postmaster is not one of the killed processes").doesNotContain(postmasters.get(0));

		assertThat(output.getOut()).as("Parley's log").contains("stopped unexpectedly", "starting it again",
				"The embedded PostgreSQL runs again (pid " + postmasters.get(0).pid() + ")");

		assertThat(chat.transcript()).as("every message answered 201 before the crash").containsAll(acknowledged);
	}
}

package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.TestPropertySource;

import io.parley.IntegrationTest;
import io.parley.accounts.Actor;
import io.parley.accounts.Role;
import io.parley.accounts.TestTenants;
import io.parley.cluster.ClusterBus.Subscription;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactDraft;
import io.parley.contactpoints.PointOfContactManagement;
import io.parley.database.EmbeddedDatabase;
import io.parley.routing.QueuePosition;

/**
 * The chat module bootstrapped with the modules it depends on (and theirs), on the embedded PostgreSQL (see
 * {@link EmbeddedDatabase}), on a web server of its own (the chat WebSocket endpoints need one): a customer starts a
 * chat at a point of contact and writes; the chat's log holds typed events, each written event is published for the
 * fan-out, and a listener of the chat is told once the write committed.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "database",
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedDatabase
@TestPropertySource(properties = { "parley.accounts.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
		"logging.level.root=WARN" })
class ChatModuleTest {

	private static final String CLIENT = "192.0.2.10";

	@Autowired
	CustomerChats customers;

	@Autowired
	ChatSignals signals;

	@Autowired
	PointOfContactManagement pointsOfContact;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Test
	void startsAChatAndTheCustomersMessageBecomesTypedEventsToldAfterCommit(AssertablePublishedEvents published)
			throws InterruptedException {
		String admin = tenants.tenantWithAdmin("module-test-password");
		Actor actor = jdbc.sql("select tenant_id, id from app_user where username = ?")
			.param(admin)
			.query((rs, n) -> new Actor(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class), admin,
					"Admin", Set.of(Role.ADMIN)))
			.single();
		PointOfContact poc = pointsOfContact.create(actor,
				new PointOfContactDraft("Module shop", null, "module-" + UUID.randomUUID().toString().substring(0, 8), true, List.of(), null));

		StartedChat started = customers.start(poc.id(), null, CLIENT);
		assertThat(started.state()).isEqualTo(ChatState.QUEUED);
		assertThat(started.queuePosition()).isEqualTo(1);
		BlockingQueue<String> told = new LinkedBlockingQueue<>();
		ChatEvent.Message said;
		try (Subscription subscription = signals.onChat(started.chatId(), (seq, json) -> told.add(seq + " " + json))) {
			said = customers.say(started.chatId(), started.token(), "c1", "Hello?", CLIENT);
			assertThat(told.poll(10, TimeUnit.SECONDS)).startsWith("2 {").contains("\"type\":\"MESSAGE\"")
				.contains("\"text\":\"Hello?\"");
		}

		assertThat(said.seq()).isEqualTo(2);
		assertThat(said.from()).isEqualTo(Party.CUSTOMER);
		assertThat(said.clientMessageId()).isEqualTo("c1");
		assertThat(said.agentName()).isNull();
		assertThat(customers.eventsAfter(started.chatId(), 0)).satisfiesExactly(
				first -> assertThat(first).isInstanceOfSatisfying(ChatEvent.StateChanged.class, state -> {
					assertThat(state.state()).isEqualTo(ChatState.QUEUED);
					assertThat(new QueuePosition(state.queuePosition(), state.estimatedWaitSeconds(),
							state.agentsAvailable())).isEqualTo(new QueuePosition(1, null, false));
				}), second -> assertThat(second).isEqualTo(said));
		assertThat(published.ofType(ChatSignals.ChatAppended.class)
			.matching(appended -> appended.chatId().equals(started.chatId()))).extracting(ChatSignals.ChatAppended::event)
			.containsExactly(customers.eventsAfter(started.chatId(), 0).toArray(ChatEvent.Logged[]::new));
		assertThat(customers.say(started.chatId(), started.token(), "c1", "Hello?", CLIENT))
			.as("a retried send answers the stored message").isEqualTo(said);
	}
}

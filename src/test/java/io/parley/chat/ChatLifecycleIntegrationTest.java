package io.parley.chat;

import static io.parley.chat.ChatTestKit.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.TestSocket;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Agent;
import io.parley.chat.ChatTestKit.AgentFeed;
import io.parley.chat.ChatTestKit.Customer;
import io.parley.chat.ChatTestKit.CustomerFeed;
import io.parley.routing.Routing;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ChatLifecycleIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	Routing routing;

	@Autowired
	JdbcClient jdbc;

	ChatTestKit kit;

	@BeforeEach
	void newTenant() {
		kit = ChatTestKit.newTenant(port, tenants);
	}

	@Test
	void startsAChatOnlyWithValidPreChatAnswers() {
		String poc = kit.pointOfContact(kit.skill("sales"), Map.of("chatProfileId", kit.profileWithForm()));

		Answer missing = kit.tryStart(poc, Map.of("preChat", Map.of("topic", "Shoes", "extra", "x", "consent", "maybe")));
		assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
		assertThat(fields(missing)).containsExactlyInAnyOrder("preChat.name", "preChat.email", "preChat.topic",
				"preChat.extra", "preChat.consent");

		Answer wrong = kit.tryStart(poc, Map.of("preChat", Map.of("name", "x".repeat(21), "email", "not-an-email")));
		assertThat(fields(wrong)).containsExactlyInAnyOrder("preChat.name", "preChat.email");
		assertThat(kit.tryStart(poc, Map.of("preChat", Map.of("name", 42, "email", "a@b.example"))).status())
			.isEqualTo(400);
		assertThat(kit.tryStart(poc, Map.of("preChat", "name")).status()).isEqualTo(400);
		assertThat(kit.tryStart(poc, null).status()).isEqualTo(400);

		Customer customer = kit.start(poc, Map.of("name", "<b>Ann</b>", "email", "ann@example.com", "topic", "Orders",
				"consent", true));
		assertThat(customer.started().at("/state").asString()).isEqualTo("QUEUED");
		assertThat(customer.started().at("/queuePosition").asInt()).isEqualTo(1);
		assertThat(customer.token()).hasSizeGreaterThanOrEqualTo(40);
		JsonNode status = customer.status();
		assertThat(status.at("/state").asString()).isEqualTo("QUEUED");
		assertThat(status.at("/queuePosition").asInt()).isEqualTo(1);
		assertThat(status.has("estimatedWaitSeconds")).isTrue();
		assertThat(status.at("/agentName").isNull()).isTrue();
	}

	@Test
	void refusesAnswersWhereNoFormAsksAndUnknownOrInactivePointsOfContact() {
		String plain = kit.pointOfContact(kit.skill("plain"));
		Answer answers = kit.tryStart(plain, Map.of("preChat", Map.of("email", "a@b.example")));
		assertThat(answers.status()).isEqualTo(400);
		assertThat(fields(answers)).containsExactly("preChat.email");
		assertThat(kit.tryStart(plain, Map.of()).status()).isEqualTo(201);
		assertThat(kit.tryStart(plain, null).status()).isEqualTo(201);

		assertThat(kit.tryStart(UUID.randomUUID().toString(), Map.of()).status()).isEqualTo(404);
		assertThat(kit.tryStart("not-a-uuid", Map.of()).status()).isEqualTo(404);
		String inactive = kit.pointOfContact(kit.skill("off"), Map.of("active", false));
		assertThat(kit.tryStart(inactive, Map.of()).status()).isEqualTo(404);
	}

	@Test
	void queuesChatsInOrderAndGivesTheOldestToAnAvailableAgent() {
		String skill = kit.skill("queue");
		String poc = kit.pointOfContact(skill);
		Customer first = kit.start(poc);
		Customer second = kit.start(poc);
		Customer third = kit.start(poc);
		assertThat(List.of(first, second, third)).extracting(c -> c.started().at("/queuePosition").asInt())
			.containsExactly(1, 2, 3);
		assertThat(third.status().at("/queuePosition").asInt()).isEqualTo(3);
		assertThat(third.feed().await(type("STATE"), "STATE").at("/queuePosition").asInt()).isEqualTo(3);

		Agent agent = kit.agent("ann", 1, skill);
		AgentFeed feed = agent.feed();
		JsonNode available = agent.status("AVAILABLE");
		assertThat(available.at("/status").asString()).isEqualTo("AVAILABLE");
		assertThat(available.at("/maxConcurrentChats").asInt()).isEqualTo(1);

		JsonNode assigned = feed.assigned(first.chatId());
		assertThat(assigned.at("/pointOfContactId").asString()).isEqualTo(poc);
		CustomerFeed firstFeed = first.feed();
		JsonNode active = firstFeed.await(e -> e.at("/state").asString().equals("ACTIVE"), "ACTIVE");
		assertThat(active.at("/agentName").asString()).isEqualTo("ann Agent");
		assertThat(active.at("/queuePosition").isNull()).isTrue();
		assertThat(first.status().at("/agentName").asString()).isEqualTo("ann Agent");

		assertThat(second.feed().await(type("STATE"), "STATE").at("/estimatedWaitSeconds").isNull())
			.as("no estimate before anyone of the queue was served").isTrue();
		CustomerFeed secondFeed = second.feed();
		JsonNode moved = secondFeed.await(e -> e.at("/type").asString().equals("STATE")
				&& e.at("/queuePosition").asInt() == 1, "position 1");
		assertThat(moved.at("/estimatedWaitSeconds").isNumber()).as("an estimate from the first wait").isTrue();
		assertThat(second.status().at("/estimatedWaitSeconds").asInt()).isEqualTo(
				secondFeed.seen.get(secondFeed.seen.size() - 1).at("/estimatedWaitSeconds").asInt());
		third.feed().await(e -> e.at("/type").asString().equals("STATE") && e.at("/queuePosition").asInt() == 2,
				"position 2");
		assertThat(second.status().at("/state").asString()).isEqualTo("QUEUED");
		assertThat(agent.chats().at("/items")).hasSize(1);
		assertThat(agent.chats().at("/items/0/chatId").asString()).isEqualTo(first.chatId());
	}

	/**
	 * A queue that moved fast before says nothing about now when nobody with the skill is AVAILABLE: the customer is
	 * told that nobody is (no estimate), and told again, with an estimate, once an agent is AVAILABLE, even a busy one.
	 */
	@Test
	void tellsWaitingCustomersWhetherAnAgentOfTheSkillIsAvailable() {
		String skill = kit.skill("avail");
		String poc = kit.pointOfContact(skill);
		Agent agent = kit.agent("cleo", 1, skill);
		AgentFeed feed = agent.feed();
		agent.status("AVAILABLE");
		Customer first = kit.start(poc);
		feed.assigned(first.chatId());
		agent.status("AWAY");

		Customer second = kit.start(poc);
		assertThat(second.started().at("/estimatedWaitSeconds").isNull())
			.as("no estimate while nobody with the skill is available: " + second.started()).isTrue();
		assertThat(second.started().at("/agentsAvailable").isBoolean()).as(second.started().toString()).isTrue();
		assertThat(second.started().at("/agentsAvailable").asBoolean()).isFalse();
		assertThat(second.status().at("/agentsAvailable").asBoolean(true)).isFalse();
		JsonNode waiting = second.feed().await(type("STATE"), "STATE");
		assertThat(waiting.at("/agentsAvailable").asBoolean(true)).as(waiting.toString()).isFalse();
		assertThat(waiting.at("/estimatedWaitSeconds").isNull()).isTrue();

		// Available but busy with the first chat: the second waits, now with an estimate from the first wait.
		CustomerFeed secondFeed = second.feed();
		agent.status("AVAILABLE");
		JsonNode available = secondFeed.await(e -> e.at("/type").asString().equals("STATE")
				&& e.at("/agentsAvailable").asBoolean(false), "STATE with an agent available");
		assertThat(available.at("/state").asString()).isEqualTo("QUEUED");
		assertThat(available.at("/estimatedWaitSeconds").isNumber()).as(available.toString()).isTrue();
		assertThat(second.status().at("/agentsAvailable").asBoolean(false)).isTrue();

		agent.status("AWAY");
		JsonNode away = secondFeed.await(e -> e.at("/type").asString().equals("STATE")
				&& !e.at("/agentsAvailable").asBoolean(true), "STATE with nobody available again");
		assertThat(away.at("/estimatedWaitSeconds").isNull()).isTrue();

		agent.status("AVAILABLE");
		assertThat(agent.api().post("/api/v1/agent/chats/" + first.chatId() + "/end", Map.of()).status()).isEqualTo(200);
		feed.assigned(second.chatId());
		JsonNode active = secondFeed.await(e -> e.at("/state").asString().equals("ACTIVE"), "ACTIVE");
		assertThat(active.has("agentsAvailable") ? active.at("/agentsAvailable").isNull() : true)
			.as("availability is told only while waiting: " + active).isTrue();
	}

	@Test
	void respectsCapacityAndFreesThePlaceWhenAChatEnds() {
		String skill = kit.skill("cap");
		String poc = kit.pointOfContact(skill);
		Agent agent = kit.agent("bob", 1, skill);
		AgentFeed feed = agent.feed();
		agent.status("AVAILABLE");
		Customer first = kit.start(poc);
		feed.assigned(first.chatId());
		Customer second = kit.start(poc);

		assertThat(routing.assignWaiting(tenantOf(poc), skill)).isZero();
		assertThat(second.status().at("/state").asString()).isEqualTo("QUEUED");
		assertThat(agent.api().get("/api/v1/agent/status").json().at("/activeChats").asInt()).isEqualTo(1);

		Answer ended = agent.api().post("/api/v1/agent/chats/" + first.chatId() + "/end", null);
		assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
		feed.assigned(second.chatId());
		assertThat(second.status().at("/state").asString()).isEqualTo("ACTIVE");
	}

	@Test
	void givesChatsToTheLongestIdleAgentFirst() {
		String skill = kit.skill("idle");
		String poc = kit.pointOfContact(skill);
		Agent ann = kit.agent("ann", 3, skill);
		Agent bob = kit.agent("bob", 3, skill);
		AgentFeed annFeed = ann.feed();
		AgentFeed bobFeed = bob.feed();
		ann.status("AVAILABLE");
		bob.status("AVAILABLE");

		Customer one = kit.start(poc);
		annFeed.assigned(one.chatId());
		Customer two = kit.start(poc);
		bobFeed.assigned(two.chatId());
		Customer three = kit.start(poc);
		annFeed.assigned(three.chatId());
		assertThat(three.status().at("/agentName").asString()).isEqualTo("ann Agent");
	}

	@Test
	void anAwayAgentKeepsTheirChatsButTakesNoNewOnes() {
		String skill = kit.skill("away");
		String poc = kit.pointOfContact(skill);
		Agent agent = kit.agent("cy", 2, skill);
		AgentFeed feed = agent.feed();
		agent.status("AVAILABLE");
		Customer kept = kit.start(poc);
		feed.assigned(kept.chatId());

		assertThat(agent.status("AWAY").at("/status").asString()).isEqualTo("AWAY");
		Customer waiting = kit.start(poc);
		assertThat(routing.assignWaiting(tenantOf(poc), skill)).isZero();
		assertThat(waiting.status().at("/state").asString()).isEqualTo("QUEUED");
		assertThat(agent.say(kept.chatId(), "m1", "Still here").status()).isEqualTo(201);
		assertThat(agent.chats().at("/items")).hasSize(1);

		agent.status("AVAILABLE");
		feed.assigned(waiting.chatId());
	}

	@Test
	void agentStatusIsCheckedAndOnlyForAgents() {
		Agent agent = kit.agent("di", 1, kit.skill("any"));
		assertThat(agent.api().get("/api/v1/agent/status").json().at("/status").asString()).isEqualTo("AWAY");
		Answer unknown = agent.api().put("/api/v1/agent/status", Map.of("status", "BUSY"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().at("/errors/0/field").asString()).isEqualTo("status");
		assertThat(agent.api().put("/api/v1/agent/status", Map.of()).status()).isEqualTo(400);
		assertThat(kit.admin.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(403);
		assertThat(io.parley.HttpApi.anonymous(port).get("/api/v1/agent/chats").status()).isEqualTo(401);
	}

	@Test
	void ignoresForwardedForFromPeersThatAreNoTrustedProxy() {
		String poc = kit.pointOfContact(kit.skill("limit"));
		for (int i = 0; i < 20; i++) {
			Answer started = io.parley.HttpApi.anonymous(port).with("X-Forwarded-For", "203.0.113." + i)
				.post("/widget/v1/points-of-contact/" + poc + "/chats", Map.of());
			assertThat(started.status()).as(started.toString()).isEqualTo(201);
		}
		Answer refused = io.parley.HttpApi.anonymous(port).with("X-Forwarded-For", "203.0.113.99")
			.post("/widget/v1/points-of-contact/" + poc + "/chats", Map.of());
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isNotBlank();
	}

	@Test
	void anAgentWhoseLastConnectionClosedIsOfferedNoNewChatUntilTheyAreBack() {
		String skill = kit.skill("closed");
		String poc = kit.pointOfContact(skill);
		Agent ann = kit.agent("ann", 3, skill);
		ann.status("AVAILABLE");
		TestSocket socket = kit.feedSocket(ann);
		Customer first = kit.start(poc);
		socket.await(assigned(first.chatId()), "the first chat offered while her console is open");
		socket.close();
		ChatTestKit.eventually(() -> connected(ann), connected -> !connected, "her closed socket noted");

		Customer second = kit.start(poc);
		assertThat(routing.assignWaiting(tenantOf(poc), skill)).as("no new chat for an agent who left").isZero();
		assertThat(second.status().at("/state").asString()).isEqualTo("QUEUED");
		assertThat(second.status().at("/agentsAvailable").asBoolean(true)).as("nobody is ready to take it").isFalse();
		assertThat(ann.api().get("/api/v1/agent/status").json().at("/status").asString())
			.as("still within the disconnect grace: not set away yet").isEqualTo("AVAILABLE");

		TestSocket again = kit.feedSocket(ann);
		try {
			again.await(assigned(second.chatId()), "the waiting chat offered as soon as she is back");
		}
		finally {
			again.close();
		}
	}

	private boolean connected(Agent agent) {
		return jdbc.sql("select connected from agent_connection where agent_id = ?::uuid").param(agent.id())
			.query(Boolean.class).single();
	}

	private static java.util.function.Predicate<JsonNode> assigned(String chatId) {
		return e -> e.at("/type").asString().equals("ASSIGNED") && e.at("/chatId").asString().equals(chatId);
	}

	private UUID tenantOf(String pocId) {
		return jdbc.sql("select tenant_id from point_of_contact where id = ?::uuid").param(pocId).query(UUID.class).single();
	}

	private static List<String> fields(Answer answer) {
		return answer.json().at("/errors").valueStream().map(e -> e.at("/field").asString()).toList();
	}
}

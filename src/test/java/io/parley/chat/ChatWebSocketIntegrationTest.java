package io.parley.chat;

import static io.parley.chat.ChatTestKit.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.IntegrationTest;
import io.parley.TestSocket;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Agent;
import io.parley.chat.ChatTestKit.AgentFeed;
import io.parley.chat.ChatTestKit.Customer;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ChatWebSocketIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	ChatTestKit kit;
	String skill;
	Agent agent;
	AgentFeed agentFeed;

	@BeforeEach
	void agentWaiting() {
		kit = ChatTestKit.newTenant(port, tenants);
		skill = kit.skill("ws");
		agent = kit.agent("fay", 5, skill);
		agentFeed = agent.feed();
		agent.status("AVAILABLE");
	}

	private String stream(Customer customer, long after) {
		return "ws://localhost:" + port + "/widget/v1/chats/" + customer.chatId() + "/stream?token=" + customer.token()
				+ "&after=" + after;
	}

	@Test
	void pushesTheSameEventsAsTheLongPollOnePerFrame() {
		Customer customer = kit.start(kit.pointOfContact(skill));
		agentFeed.assigned(customer.chatId());
		customer.say("c1", "Hello");
		TestSocket socket = TestSocket.open(stream(customer, 0), Map.of());
		socket.await(e -> e.at("/type").asString().equals("MESSAGE"), "the replayed message");
		agent.say(customer.chatId(), "a1", "Hi there");
		JsonNode pushed = socket.await(e -> e.at("/from").asString().equals("AGENT"), "the agent's message");
		assertThat(pushed.at("/text").asString()).isEqualTo("Hi there");
		assertThat(pushed.at("/agentName").asString()).isEqualTo("fay Agent");

		agent.api().post("/api/v1/agent/chats/" + customer.chatId() + "/typing", Map.of("typing", true));
		socket.await(e -> e.at("/type").asString().equals("TYPING") && e.at("/from").asString().equals("AGENT"),
				"agent typing");
		socket.sendText("ping");
		agent.api().post("/api/v1/agent/chats/" + customer.chatId() + "/end", null);
		assertThat(socket.await(type("ENDED"), "ENDED").at("/endedBy").asString()).isEqualTo("AGENT");

		// Typing goes when the chat ends; everything else the socket pushed is what a long poll reads now.
		List<JsonNode> pushedKept = socket.received.stream().filter(e -> !e.at("/type").asString().equals("TYPING"))
			.toList();
		assertThat(pushedKept).isEqualTo(customer.events(0, 0));
		socket.close();
	}

	@Test
	void resumesAfterADroppedSocketWithoutLossOrDuplicates() {
		Customer customer = kit.start(kit.pointOfContact(skill));
		agentFeed.assigned(customer.chatId());
		TestSocket first = TestSocket.open(stream(customer, 0), Map.of());
		agent.say(customer.chatId(), "a1", "one");
		JsonNode last = first.await(e -> e.at("/text").asString().equals("one"), "one");
		first.abort();

		for (int i = 2; i <= 6; i++) {
			agent.say(customer.chatId(), "a" + i, "message " + i);
		}
		customer.say("c1", "customer while away");
		TestSocket second = TestSocket.open(stream(customer, last.at("/seq").asLong()), Map.of());
		second.await(e -> "customer while away".equals(e.at("/text").asString()), "everything missed");
		agent.say(customer.chatId(), "a7", "message 7");
		second.await(e -> "message 7".equals(e.at("/text").asString()), "a new message");

		List<JsonNode> all = new ArrayList<>(first.received);
		all.addAll(second.received);
		List<Long> seqs = all.stream().map(e -> e.at("/seq").asLong()).toList();
		assertThat(seqs).isSorted().doesNotHaveDuplicates();
		List<Long> stored = customer.events(0, 0).stream().map(e -> e.at("/seq").asLong()).toList();
		assertThat(seqs).isEqualTo(stored);
		assertThat(all.stream().filter(e -> e.at("/type").asString().equals("MESSAGE"))
			.map(e -> e.at("/text").asString()).toList()).containsExactly("one", "message 2", "message 3", "message 4",
					"message 5", "message 6", "customer while away", "message 7");
		second.close();
	}

	@Test
	void checksTheOriginAndTheTokenInTheHandshake() {
		String poc = kit.pointOfContact(skill, Map.of("allowedOrigins", List.of("https://shop.example.com")));
		Customer customer = kit.start(poc);
		Customer other = kit.start(kit.pointOfContact(skill));
		String url = stream(customer, 0);
		assertThat(TestSocket.refusal(url, Map.of("Origin", "https://evil.example.com"))).isEqualTo(403);
		assertThat(TestSocket.refusal(url, Map.of("Origin", "https://shop.example.com"))).isEqualTo(101);
		assertThat(TestSocket.refusal(url, Map.of("Origin", "http://localhost:" + port))).isEqualTo(101);
		assertThat(TestSocket.refusal(url, Map.of())).isEqualTo(101);

		String foreignToken = "ws://localhost:" + port + "/widget/v1/chats/" + other.chatId() + "/stream?token="
				+ customer.token();
		assertThat(TestSocket.refusal(foreignToken, Map.of())).isEqualTo(404);
		assertThat(TestSocket.refusal("ws://localhost:" + port + "/widget/v1/chats/" + other.chatId() + "/stream",
				Map.of())).isEqualTo(401);
		assertThat(TestSocket.refusal(url.replace("after=0", "after=x"), Map.of())).isEqualTo(400);
		assertThat(TestSocket.refusal("ws://localhost:" + port + "/widget/v1/chats/" + UUID.randomUUID()
				+ "/stream?token=" + customer.token(), Map.of())).isEqualTo(404);
	}

	@Test
	void pushesTheAgentFeedAndResumesFromItsCursor() {
		String poc = kit.pointOfContact(skill);
		String feedUrl = "ws://localhost:" + port + "/api/v1/agent/stream";
		Map<String, String> auth = Map.of("Authorization", agentAuthorization());
		TestSocket socket = TestSocket.open(feedUrl, auth);
		Customer customer = kit.start(poc);
		JsonNode assigned = socket.await(type("ASSIGNED"), "ASSIGNED");
		assertThat(assigned.at("/chatId").asString()).isEqualTo(customer.chatId());
		customer.say("c1", "Hello agent");
		JsonNode message = socket.await(type("MESSAGE"), "the customer's message");
		assertThat(message.at("/text").asString()).isEqualTo("Hello agent");
		socket.abort();

		customer.say("c2", "Are you there?");
		customer.api().post(customer.path("/typing"), Map.of("typing", false));
		TestSocket resumed = TestSocket.open(feedUrl + "?after=" + message.at("/cursor").asString(), auth);
		JsonNode missed = resumed.await(type("MESSAGE"), "the message sent while away");
		assertThat(missed.at("/text").asString()).isEqualTo("Are you there?");
		assertThat(resumed.await(type("TYPING"), "typing").at("/from").asString()).isEqualTo("CUSTOMER");
		assertThat(Long.parseLong(missed.at("/cursor").asString()))
			.isEqualTo(Long.parseLong(message.at("/cursor").asString()) + 1);
		resumed.close();

		assertThat(TestSocket.refusal(feedUrl, Map.of())).isEqualTo(401);
		assertThat(TestSocket.refusal(feedUrl, Map.of("Authorization", agentAuthorization(), "Origin",
				"https://evil.example.com"))).isEqualTo(403);
		assertThat(TestSocket.refusal(feedUrl, Map.of("Authorization", basic(kit.adminUsername)))).isEqualTo(403);
	}

	private String agentAuthorization() {
		return basic(agent.username());
	}

	private static String basic(String username) {
		return "Basic " + Base64.getEncoder().encodeToString((username + ":" + ChatTestKit.PASSWORD)
			.getBytes(StandardCharsets.UTF_8));
	}
}

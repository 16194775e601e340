package io.parley.chat;

import static io.parley.chat.ChatTestKit.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.GoldenJson;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.TestSocket;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Agent;
import io.parley.chat.ChatTestKit.AgentFeed;
import io.parley.chat.ChatTestKit.Customer;
import tools.jackson.databind.JsonNode;

/**
 * The chat API's answers and events as clients get them, against the golden JSON recorded from the build before chat
 * events became typed (see {@link GoldenJson}): one chat from start to the customer's end, seen by its customer (long
 * poll and WebSocket) and its agent (feed by long poll and WebSocket), and a second chat that waits behind it and is
 * ended by the agent.
 */
@IntegrationTest
class ChatGoldenJsonIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Test
	void chatAnswersAndEventsAreAsRecorded() {
		ChatTestKit kit = ChatTestKit.newTenant(port, tenants);
		String skill = kit.skill("golden");
		String poc = kit.pointOfContact(skill, Map.of("name", "Golden shop", "chatProfileId", kit.profileWithForm()));
		Agent agent = kit.agent("gil", 1, skill);
		TestSocket agentSocket = kit.feedSocket(agent);
		AgentFeed agentFeed = agent.feed();

		Answer started = kit.tryStart(poc, Map.of("preChat",
				Map.of("name", "Ann", "email", "ann@example.com", "topic", "Orders", "consent", true)));
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		GoldenJson.assertMatches("chat/start-answer.json", started.json());
		Customer customer = new Customer(started.json().at("/chatId").asString(), started.json().at("/token").asString(),
				started.json(), HttpApi.bearer(port, started.json().at("/token").asString()));
		TestSocket customerSocket = TestSocket.open("ws://localhost:" + port + customer.path("/stream?token="
				+ customer.token() + "&after=0"), Map.of());
		GoldenJson.assertMatches("chat/status-queued.json", customer.status());

		Answer waiting = customer.say("c1", "Hello, anyone there?");
		assertThat(waiting.status()).as(waiting.toString()).isEqualTo(201);
		GoldenJson.assertMatches("chat/send-customer-answer.json", waiting.json());
		GoldenJson.assertMatches("chat/send-customer-retried-answer.json",
				customer.say("c1", "Hello, anyone there?").json());

		agent.status("AVAILABLE");
		agentFeed.assigned(customer.chatId());
		agentFeed.await(e -> e.at("/type").asString().equals("STATE") && e.at("/chatId").asString()
			.equals(customer.chatId()), "the chat active");
		GoldenJson.assertMatches("chat/status-active.json", customer.status());
		GoldenJson.assertMatches("chat/agent-chats-answer.json", agent.chats());

		Answer reply = agent.say(customer.chatId(), "a1", "Hi Ann, I am Gil.");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		GoldenJson.assertMatches("chat/send-agent-answer.json", reply.json());
		assertThat(agent.api().post("/api/v1/agent/chats/" + customer.chatId() + "/typing", Map.of("typing", true))
			.status()).isEqualTo(204);
		assertThat(customer.api().post(customer.path("/typing"), Map.of("typing", true)).status()).isEqualTo(204);
		assertThat(customer.api().post(customer.path("/typing"), Map.of("typing", false)).status()).isEqualTo(204);
		assertThat(customer.say("c2", "Where is my parcel?").status()).isEqualTo(201);

		// Typing is forgotten when the chat ends: the long poll shows it only before.
		List<JsonNode> beforeEnd = customer.events(0, 0);
		assertThat(beforeEnd).hasSize(8);
		GoldenJson.assertMatches("chat/customer-events-before-end.json", Map.of("events", beforeEnd));

		// A second chat waits behind the first (the agent takes one at a time) and is the agent's once it ends.
		Customer second = kit.start(poc, Map.of("name", "Bob", "email", "bob@example.com"));
		GoldenJson.assertMatches("chat/start-answer-while-agents-busy.json", second.started());
		GoldenJson.assertMatches("chat/status-queued-while-agents-busy.json", second.status());

		Answer ended = customer.api().post(customer.path("/end"), Map.of());
		assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
		GoldenJson.assertMatches("chat/end-customer-answer.json", ended.json());
		Answer endedAgain = customer.api().post(customer.path("/end"), Map.of());
		GoldenJson.assertMatches("chat/end-customer-again-answer.json", endedAgain.json());
		customerSocket.await(type("ENDED"), "the end on the customer's socket");
		GoldenJson.assertMatches("chat/customer-stream-frames.json", customerSocket.received);
		GoldenJson.assertMatches("chat/customer-events-after-end.json",
				customer.api().get(customer.path("/events?after=0")).json());
		GoldenJson.assertMatches("chat/customer-events-empty.json",
				customer.api().get(customer.path("/events?after=9")).json());

		agentFeed.assigned(second.chatId());
		agentFeed.await(e -> e.at("/type").asString().equals("STATE") && e.at("/chatId").asString()
			.equals(second.chatId()), "the second chat active");
		Answer agentEnded = agent.api().post("/api/v1/agent/chats/" + second.chatId() + "/end", Map.of());
		assertThat(agentEnded.status()).as(agentEnded.toString()).isEqualTo(200);
		GoldenJson.assertMatches("chat/end-agent-answer.json", agentEnded.json());
		agentFeed.await(e -> e.at("/type").asString().equals("ENDED") && e.at("/chatId").asString()
			.equals(second.chatId()), "the second chat's end");
		GoldenJson.assertMatches("chat/second-customer-events.json",
				second.api().get(second.path("/events?after=0")).json());

		Predicate<JsonNode> secondEnd = e -> e.at("/type").asString().equals("ENDED")
				&& e.at("/chatId").asString().equals(second.chatId());
		agentSocket.await(secondEnd, "the second chat's end on the agent's socket");
		GoldenJson.assertMatches("chat/agent-stream-frames.json", agentSocket.received);
		Answer feed = agent.api().get("/api/v1/agent/events?after=0");
		GoldenJson.assertMatches("chat/agent-events-answer.json", feed.json());
		GoldenJson.assertMatches("chat/agent-events-empty.json", agent.api().get("/api/v1/agent/events?after="
				+ feed.json().at("/cursor").asString()).json());

		GoldenJson.assertMatches("chat/transcript-agent.json",
				agent.api().get("/api/v1/chats/" + customer.chatId() + "/transcript").json());
		GoldenJson.assertMatches("chat/transcript-admin.json",
				kit.admin.get("/api/v1/chats/" + second.chatId() + "/transcript").json());
		Map<String, Object> chats = new LinkedHashMap<>();
		chats.put("afterBothEnded", agent.chats());
		GoldenJson.assertMatches("chat/agent-chats-empty.json", chats);
		agentSocket.close();
		customerSocket.close();
	}

}

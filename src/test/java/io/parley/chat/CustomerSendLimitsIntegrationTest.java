package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.parley.GoldenJson;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Agent;
import io.parley.chat.ChatTestKit.Customer;
import tools.jackson.databind.JsonNode;

/**
 * A customer cannot flood an agent: messages and typing events are limited per chat and per client address, with a
 * 429 problem and Retry-After, while a retried message that was stored already is answered as ever and agents are
 * not limited. A Parley of its own with small limits (3 messages in 10 s a chat, 5 an address; 2 typing events a
 * second a chat) and the test client trusted as a proxy, so each customer has the address it names.
 */
@IntegrationTest
@TestPropertySource(properties = { "parley.chat.limits.messages-per-10s=3",
		"parley.chat.limits.client-messages-per-10s=5", "parley.chat.limits.typing-per-second=2",
		"parley.chat.limits.client-typing-per-second=100", "parley.widget.trusted-proxies=127.0.0.1, ::1/128" })
class CustomerSendLimitsIntegrationTest {

	/** Far more sends than any limit here lets through at once. */
	static final int FLOOD = 60;

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Test
	void limitsAChatsMessagesWith429AndRetryAfterButNotARetryOfAStoredOneNorTheAgent() throws Exception {
		ChatTestKit kit = ChatTestKit.newTenant(port, tenants);
		String skill = kit.skill("flood");
		String poc = kit.pointOfContact(skill);
		Agent agent = kit.agent("ada", 5, skill);
		ChatTestKit.AgentFeed feed = agent.feed();
		agent.status("AVAILABLE");
		Customer flooder = customer(kit, poc, "203.0.113.10");
		feed.assigned(flooder.chatId());

		List<String> accepted = new ArrayList<>();
		Answer refused = null;
		String refusedId = null;
		for (int i = 0; i < FLOOD && refused == null; i++) {
			String id = "m" + i + "-" + UUID.randomUUID();
			Answer answer = flooder.say(id, "message " + i);
			if (answer.status() == 201) {
				accepted.add(id);
			}
			else {
				refused = answer;
				refusedId = id;
			}
		}
		assertThat(refused).as("a refusal among " + FLOOD + " messages sent at once").isNotNull();
		assertThat(accepted).as("the burst a chat may send").hasSizeGreaterThanOrEqualTo(3);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		int retryAfter = Integer.parseInt(refused.header("Retry-After"));
		assertThat(retryAfter).isBetween(1, 10);
		assertThat(refused.json().at("/type").asString()).endsWith("/too-many-messages");
		assertThat(refused.json().at("/detail").asString()).contains("faster");
		assertThat(refused.json().at("/retryAfterSeconds").asInt()).isEqualTo(retryAfter);
		GoldenJson.assertMatches("api/problem-429-chat-send.json", refused.json());

		// a retry of a message that was stored costs nothing new: answered as before, while new ones wait
		Answer retried = flooder.say(accepted.get(0), "message 0");
		assertThat(retried.status()).as(retried.toString()).isEqualTo(201);

		// another chat from another address is not slowed down, nor is the agent
		Customer other = customer(kit, poc, "203.0.113.11");
		assertThat(other.say("other-1", "Hello from elsewhere").status()).isEqualTo(201);
		for (int i = 0; i < 12; i++) {
			Answer answer = agent.say(flooder.chatId(), "agent-" + i, "Agent message " + i);
			assertThat(answer.status()).as("the agent's message " + i + ": " + answer).isEqualTo(201);
		}

		// after Retry-After the refused message goes through, and every message is stored once, in order
		Answer later = sayAfterWaiting(flooder, refusedId, "the refused one", retryAfter);
		assertThat(later.status()).as(later.toString()).isEqualTo(201);
		List<String> stored = new ArrayList<>();
		for (JsonNode message : agent.api().get("/api/v1/chats/" + flooder.chatId() + "/transcript").json()
			.at("/messages")) {
			if (message.at("/from").asString().equals("CUSTOMER")) {
				stored.add(message.at("/clientMessageId").asString());
			}
		}
		List<String> expected = new ArrayList<>(accepted);
		expected.add(refusedId);
		assertThat(stored).containsExactlyElementsOf(expected);
	}

	@Test
	void limitsMessagesPerClientAddressAcrossItsChats() throws Exception {
		ChatTestKit kit = ChatTestKit.newTenant(port, tenants);
		String poc = kit.pointOfContact(kit.skill("office"));
		List<Customer> office = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			office.add(customer(kit, poc, "198.51.100.7"));
		}
		int[] sent = new int[office.size()];
		Answer refused = null;
		int refusedChat = -1;
		for (int i = 0; i < FLOOD && refused == null; i++) {
			int chat = i % office.size();
			Answer answer = office.get(chat).say("o" + i, "office message " + i);
			if (answer.status() == 201) {
				sent[chat]++;
			}
			else {
				refused = answer;
				refusedChat = chat;
			}
		}
		assertThat(refused).as("a refusal among " + FLOOD + " messages from one address").isNotNull();
		assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isNotBlank();
		assertThat(sent[refusedChat]).as("messages of the refused chat: its own limit (3) was not reached").isLessThan(3);
		assertThat(sent[0] + sent[1] + sent[2] + sent[3]).as("the burst of the address").isGreaterThanOrEqualTo(5);
		// a customer at another address is not slowed down by the office
		assertThat(customer(kit, poc, "198.51.100.8").say("elsewhere", "Hi").status()).isEqualTo(201);
	}

	@Test
	void limitsTypingEventsPerChat() {
		ChatTestKit kit = ChatTestKit.newTenant(port, tenants);
		Customer typist = customer(kit, kit.pointOfContact(kit.skill("typing")), "192.0.2.50");
		int accepted = 0;
		Answer refused = null;
		for (int i = 0; i < FLOOD && refused == null; i++) {
			Answer answer = typist.api().post(typist.path("/typing"), Map.of("typing", i % 2 == 0));
			if (answer.status() == 204) {
				accepted++;
			}
			else {
				refused = answer;
			}
		}
		assertThat(refused).as("a refusal among " + FLOOD + " typing events sent at once").isNotNull();
		assertThat(accepted).isGreaterThanOrEqualTo(2);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isEqualTo("1");
		assertThat(refused.json().at("/type").asString()).endsWith("/too-many-typing-events");
	}

	/** A customer whose requests come, through the trusted proxy, from {@code address}. */
	private Customer customer(ChatTestKit kit, String poc, String address) {
		Answer started = HttpApi.anonymous(port).with("X-Forwarded-For", address)
			.post("/widget/v1/points-of-contact/" + poc + "/chats", Map.of());
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		String token = started.json().at("/token").asString();
		return new Customer(started.json().at("/chatId").asString(), token, started.json(),
				HttpApi.bearer(port, token).with("X-Forwarded-For", address));
	}

	/** Sends after the wait the server asked for, and again after each further Retry-After (a few times at most). */
	private static Answer sayAfterWaiting(Customer customer, String id, String text, int seconds) throws Exception {
		Answer answer = null;
		for (int attempt = 0; attempt < 5; attempt++) {
			Thread.sleep(seconds * 1000L);
			answer = customer.say(id, text);
			if (answer.status() != 429) {
				return answer;
			}
			seconds = Integer.parseInt(answer.header("Retry-After"));
		}
		return answer;
	}
}

package io.parley.chat;

import static io.parley.chat.ChatTestKit.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.parley.HostileInputs;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Agent;
import io.parley.chat.ChatTestKit.AgentFeed;
import io.parley.chat.ChatTestKit.Customer;
import io.parley.chat.ChatTestKit.CustomerFeed;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ChatMessagingIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	ChatTestKit kit;
	String skill;
	String poc;
	Agent agent;
	AgentFeed agentFeed;

	@BeforeEach
	void chatWithAnAgent() {
		kit = ChatTestKit.newTenant(port, tenants);
		skill = kit.skill("talk");
		poc = kit.pointOfContact(skill);
		agent = kit.agent("eve", 5, skill);
		agentFeed = agent.feed();
		agent.status("AVAILABLE");
	}

	private Customer activeChat() {
		Customer customer = kit.start(poc);
		agentFeed.assigned(customer.chatId());
		return customer;
	}

	@Test
	void messagesGoBothWaysInSeqOrder() {
		Customer customer = kit.start(poc);
		Answer early = customer.say("c1", "Hello, anyone?");
		assertThat(early.status()).as(early.toString()).isEqualTo(201);
		JsonNode assigned = agentFeed.assigned(customer.chatId());
		assertThat(assigned.at("/seq").isNull()).isTrue();
		JsonNode copied = agentFeed.await(type("MESSAGE"), "the message written while waiting");
		assertThat(copied.at("/text").asString()).isEqualTo("Hello, anyone?");
		assertThat(copied.at("/chatId").asString()).isEqualTo(customer.chatId());

		Answer reply = agent.say(customer.chatId(), "a1", "Hi, I am Eve");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		assertThat(reply.json().at("/from").asString()).isEqualTo("AGENT");
		assertThat(reply.json().at("/agentName").asString()).isEqualTo("eve Agent");
		Answer second = customer.say("c2", "Great");

		CustomerFeed feed = customer.feed();
		JsonNode agentMessage = feed.await(e -> e.at("/type").asString().equals("MESSAGE")
				&& e.at("/from").asString().equals("AGENT"), "agent's message");
		assertThat(agentMessage.at("/text").asString()).isEqualTo("Hi, I am Eve");
		assertThat(agentMessage.at("/seq").asLong()).isEqualTo(reply.json().at("/seq").asLong());
		feed.await(e -> e.at("/seq").asLong() == second.json().at("/seq").asLong(), "the second message");
		List<Long> seqs = feed.seen.stream().map(e -> e.at("/seq").asLong()).toList();
		assertThat(seqs).isSorted().doesNotHaveDuplicates();
		assertThat(seqs.get(0)).isEqualTo(1);
		assertThat(feed.seen).allSatisfy(e -> assertThat(e.at("/at").asString()).endsWith("Z"));
		assertThat(early.json().at("/seq").asLong()).isLessThan(reply.json().at("/seq").asLong());
		assertThat(reply.json().at("/seq").asLong()).isLessThan(second.json().at("/seq").asLong());

		JsonNode customerMessage = agentFeed.await(e -> e.at("/type").asString().equals("MESSAGE")
				&& e.at("/text").asString().equals("Great"), "the customer's second message");
		assertThat(customerMessage.at("/from").asString()).isEqualTo("CUSTOMER");
		assertThat(customerMessage.at("/clientMessageId").asString()).isEqualTo("c2");
		assertThat(Long.parseLong(customerMessage.at("/cursor").asString())).isPositive();
	}

	@Test
	void aRetriedMessageIsStoredOnce() {
		Customer customer = activeChat();
		Answer first = customer.say("same-id", "Once");
		Answer again = customer.say("same-id", "Once");
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.json()).isEqualTo(first.json());
		Answer agentFirst = agent.say(customer.chatId(), "same-id", "Agent once");
		assertThat(agent.say(customer.chatId(), "same-id", "Agent once").json()).isEqualTo(agentFirst.json());

		JsonNode transcript = kit.admin.get("/api/v1/chats/" + customer.chatId() + "/transcript").json();
		assertThat(transcript.at("/messages").valueStream().map(m -> m.at("/text").asString()).toList())
			.containsExactly("Once", "Agent once");
		assertThat(jdbc.sql("select count(*) from chat_event where chat_id = ?::uuid and type = 'MESSAGE'")
			.param(customer.chatId()).query(Integer.class).single()).isEqualTo(2);
	}

	/**
	 * Sends like the widget: a message beyond the chat's sending limit (these texts come faster than anybody types)
	 * is sent again after the Retry-After it was answered with.
	 */
	private static Answer sayAsTheWidgetDoes(Customer customer, String clientMessageId, String text) {
		for (int attempt = 0;; attempt++) {
			Answer said = customer.say(clientMessageId, text);
			if (said.status() != 429 || attempt == 20) {
				return said;
			}
			try {
				Thread.sleep(Long.parseLong(said.header("Retry-After")) * 1000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
	}

	@Test
	void storesTextsAsGivenAndRefusesBadOnes() {
		Customer customer = activeChat();
		int i = 0;
		for (String text : HostileInputs.storableTexts()) {
			Answer said = sayAsTheWidgetDoes(customer, "h" + i++, text);
			assertThat(said.status()).as(text).isEqualTo(201);
			assertThat(said.json().at("/text").asString()).isEqualTo(text);
		}
		assertThat(sayAsTheWidgetDoes(customer, "long", HostileInputs.ofLength(4000)).status()).isEqualTo(201);
		List<String> stored = kit.admin.get("/api/v1/chats/" + customer.chatId() + "/transcript").json()
			.at("/messages").valueStream().map(m -> m.at("/text").asString()).toList();
		assertThat(stored).containsSubsequence(HostileInputs.storableTexts());

		assertThat(error(customer.say("too-long", HostileInputs.ofLength(4001)))).isEqualTo("text");
		assertThat(error(customer.say("huge", HostileInputs.ofLength(1_000_000)))).isEqualTo("text");
		assertThat(error(customer.say("empty", ""))).isEqualTo("text");
		for (String nul : HostileInputs.withNul()) {
			assertThat(error(customer.say("nul", nul))).isEqualTo("text");
		}
		assertThat(error(customer.say("", "no id"))).isEqualTo("clientMessageId");
		assertThat(error(customer.api().post(customer.path("/messages"), Map.of("text", "no id")))).isEqualTo("clientMessageId");
		assertThat(error(customer.api().post(customer.path("/messages"), Map.of("clientMessageId", "x", "text", 5))))
			.isEqualTo("text");
		assertThat(customer.api().send("POST", customer.path("/messages"), "{not json", "application/json").status())
			.isEqualTo(400);
		assertThat(error(agent.say(customer.chatId(), "a", ""))).isEqualTo("text");
	}

	@Test
	void longPollAnswersAtOnceWithEventsAndWaitsWithout() throws Exception {
		Customer customer = activeChat();
		long last = customer.status().at("/lastSeq").asLong();
		long started = System.nanoTime();
		List<JsonNode> all = customer.events(0, 30);
		assertThat(all).isNotEmpty();
		assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(25);

		started = System.nanoTime();
		assertThat(customer.events(last, 2)).isEmpty();
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(1900);
		assertThat(customer.events(last, 0)).isEmpty();

		CompletableFuture<List<JsonNode>> waiting = CompletableFuture.supplyAsync(() -> customer.events(last, 30));
		agent.say(customer.chatId(), "wake", "Are you there?");
		List<JsonNode> woken = waiting.get(20, TimeUnit.SECONDS);
		assertThat(woken).extracting(e -> e.at("/text").asString()).contains("Are you there?");

		AgentFeed fromNow = new AgentFeed(agent, agent.chats().at("/cursor").asString());
		CompletableFuture<List<JsonNode>> agentWaiting = CompletableFuture.supplyAsync(() -> fromNow.poll(30));
		customer.say("hi", "Yes");
		assertThat(agentWaiting.get(20, TimeUnit.SECONDS)).extracting(e -> e.at("/text").asString()).contains("Yes");

		assertThat(error(customer.api().get(customer.path("/events?waitSeconds=31")))).isEqualTo("waitSeconds");
		assertThat(error(customer.api().get(customer.path("/events?after=-1")))).isEqualTo("after");
		assertThat(customer.api().get(customer.path("/events?after=abc")).status()).isEqualTo(400);
		assertThat(error(agent.api().get("/api/v1/agent/events?after=xyz"))).isEqualTo("after");
	}

	@Test
	void typingReachesTheOtherSide() {
		Customer customer = activeChat();
		assertThat(customer.api().post(customer.path("/typing"), Map.of("typing", true)).status()).isEqualTo(204);
		JsonNode typing = agentFeed.await(type("TYPING"), "customer typing");
		assertThat(typing.at("/from").asString()).isEqualTo("CUSTOMER");
		assertThat(typing.at("/typing").asBoolean()).isTrue();

		Answer agentTyping = agent.api().post("/api/v1/agent/chats/" + customer.chatId() + "/typing",
				Map.of("typing", true));
		assertThat(agentTyping.status()).isEqualTo(204);
		JsonNode seen = customer.feed().await(e -> e.at("/type").asString().equals("TYPING")
				&& e.at("/from").asString().equals("AGENT"), "agent typing");
		assertThat(seen.at("/typing").asBoolean()).isTrue();
		assertThat(error(customer.api().post(customer.path("/typing"), Map.of("typing", "yes")))).isEqualTo("typing");
		assertThat(error(customer.api().post(customer.path("/typing"), Map.of()))).isEqualTo("typing");
	}

	@Test
	void theCustomerEndsAChatAndNothingMoreIsSaid() {
		Customer customer = activeChat();
		customer.say("m", "Bye");
		Answer ended = customer.api().post(customer.path("/end"), null);
		assertThat(ended.status()).isEqualTo(200);
		assertThat(ended.json().at("/state").asString()).isEqualTo("ENDED");
		JsonNode end = agentFeed.await(type("ENDED"), "ENDED");
		assertThat(end.at("/endedBy").asString()).isEqualTo("CUSTOMER");
		assertThat(end.at("/chatId").asString()).isEqualTo(customer.chatId());

		Answer late = customer.say("late", "One more thing");
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.header("Content-Type")).startsWith("application/problem+json");
		assertThat(agent.say(customer.chatId(), "late", "Reply").status()).isEqualTo(409);
		assertThat(customer.api().post(customer.path("/typing"), Map.of("typing", true)).status()).isEqualTo(409);
		assertThat(customer.say("m", "Bye").status()).as("a retry of a stored message").isEqualTo(201);
		assertThat(customer.api().post(customer.path("/end"), null).status()).isEqualTo(200);
		assertThat(agent.chats().at("/items").valueStream().map(c -> c.at("/chatId").asString()))
			.doesNotContain(customer.chatId());
		assertThat(agent.api().get("/api/v1/agent/status").json().at("/activeChats").asInt()).isZero();
	}

	@Test
	void theAgentEndsAChat() {
		Customer customer = activeChat();
		Answer ended = agent.api().post("/api/v1/agent/chats/" + customer.chatId() + "/end", null);
		assertThat(ended.status()).isEqualTo(200);
		JsonNode end = customer.feed().await(type("ENDED"), "ENDED");
		assertThat(end.at("/endedBy").asString()).isEqualTo("AGENT");
		assertThat(customer.status().at("/state").asString()).isEqualTo("ENDED");
		assertThat(customer.status().at("/endedBy").asString()).isEqualTo("AGENT");
	}

	@Test
	void aQueuedChatEndedByItsCustomerLeavesTheQueue() {
		String otherSkill = kit.skill("nobody");
		String otherPoc = kit.pointOfContact(otherSkill);
		Customer first = kit.start(otherPoc);
		Customer second = kit.start(otherPoc);
		assertThat(first.api().post(first.path("/end"), null).json().at("/state").asString()).isEqualTo("ENDED");
		second.feed().await(e -> e.at("/type").asString().equals("STATE") && e.at("/queuePosition").asInt() == 1,
				"moving up to position 1");
	}

	@Test
	void aTokenOpensItsOwnChatOnly() {
		Customer mine = activeChat();
		Customer other = activeChat();
		other.say("secret", "My secret");
		HttpApi wrong = HttpApi.bearer(port, mine.token());
		String otherPath = "/widget/v1/chats/" + other.chatId();
		for (Answer answer : List.of(wrong.get(otherPath), wrong.get(otherPath + "/events?after=0"),
				wrong.post(otherPath + "/messages", Map.of("clientMessageId", "x", "text", "hi")),
				wrong.post(otherPath + "/typing", Map.of("typing", true)), wrong.post(otherPath + "/end", null))) {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
			assertThat(answer.text()).doesNotContain("My secret");
		}
		assertThat(other.status().at("/state").asString()).isEqualTo("ACTIVE");
		assertThat(HttpApi.anonymous(port).get(otherPath).status()).isEqualTo(401);
		assertThat(HttpApi.bearer(port, "nonsense").get(otherPath).status()).isEqualTo(404);
		assertThat(HttpApi.bearer(port, mine.token()).get("/widget/v1/chats/" + UUID.randomUUID()).status())
			.isEqualTo(404);
	}

	@Test
	void onlyTheHandlingAgentOrAnAdminReadsTheTranscript() {
		String profile = kit.profileWithForm();
		String formPoc = kit.pointOfContact(skill, Map.of("chatProfileId", profile));
		Customer customer = kit.start(formPoc, Map.of("name", "Ann", "email", "ann@example.com"));
		JsonNode assigned = agentFeed.assigned(customer.chatId());
		assertThat(assigned.at("/preChat/name").asString()).isEqualTo("Ann");
		customer.say("q", "Where is my order?");
		agent.say(customer.chatId(), "a", "On its way");
		JsonNode listed = agent.chats().at("/items").valueStream()
			.filter(c -> c.at("/chatId").asString().equals(customer.chatId())).findFirst().orElseThrow();
		assertThat(listed.at("/preChat/email").asString()).isEqualTo("ann@example.com");
		assertThat(listed.at("/pointOfContactId").asString()).isEqualTo(formPoc);
		assertThat(listed.at("/pointOfContactName").asString()).startsWith("Shop ");
		assertThat(listed.at("/state").asString()).isEqualTo("ACTIVE");
		assertThat(listed.at("/lastSeq").asLong()).isPositive();

		Answer byAgent = agent.api().get("/api/v1/chats/" + customer.chatId() + "/transcript");
		assertThat(byAgent.status()).as(byAgent.toString()).isEqualTo(200);
		assertThat(byAgent.json().at("/preChat").propertyNames()).containsExactly("name", "email");
		assertThat(byAgent.json().at("/messages").valueStream().map(m -> m.at("/from").asString() + ":"
				+ m.at("/text").asString()).toList()).containsExactly("CUSTOMER:Where is my order?", "AGENT:On its way");
		assertThat(kit.admin.get("/api/v1/chats/" + customer.chatId() + "/transcript").status()).isEqualTo(200);

		Agent stranger = kit.agent("mallory", 2, skill);
		assertThat(stranger.api().get("/api/v1/chats/" + customer.chatId() + "/transcript").status()).isEqualTo(404);
		assertThat(stranger.say(customer.chatId(), "x", "Hi").status()).isEqualTo(404);
		assertThat(stranger.api().post("/api/v1/agent/chats/" + customer.chatId() + "/typing", Map.of("typing", true))
			.status()).isEqualTo(404);
		assertThat(stranger.api().post("/api/v1/agent/chats/" + customer.chatId() + "/end", null).status())
			.isEqualTo(404);
		ChatTestKit otherTenant = ChatTestKit.newTenant(port, tenants);
		assertThat(otherTenant.admin.get("/api/v1/chats/" + customer.chatId() + "/transcript").status()).isEqualTo(404);
		assertThat(HttpApi.anonymous(port).get("/api/v1/chats/" + customer.chatId() + "/transcript").status())
			.isEqualTo(401);
	}

	private static String error(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		return answer.json().at("/errors/0/field").asString();
	}
}

package io.parley.chat;

import static io.parley.chat.ChatTestKit.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.parley.GoldenJson;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.TestSocket;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Agent;
import io.parley.chat.ChatTestKit.AgentFeed;
import io.parley.chat.ChatTestKit.Customer;
import tools.jackson.databind.JsonNode;

/**
 * Limits that need settings of their own ({@link ShortChatLimits}), so a Parley of their own: three chat starts a
 * minute, customers gone after two seconds, and the test client's address trusted as a proxy.
 */
@ShortChatLimits
class ChatLimitsIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	private Answer start(String poc, String forwardedFor) {
		return HttpApi.anonymous(port).with("X-Forwarded-For", forwardedFor)
			.post("/widget/v1/points-of-contact/" + poc + "/chats", Map.of());
	}

	@Test
	void limitsChatStartsPerClientAddressAndPointOfContact() {
		ChatTestKit kit = ChatTestKit.newTenant(port, tenants);
		String poc = kit.pointOfContact(kit.skill("limit"));
		String otherPoc = kit.pointOfContact(kit.skill("limit"));
		for (int i = 0; i < 3; i++) {
			assertThat(start(poc, "203.0.113.7").status()).isEqualTo(201);
		}
		Answer refused = start(poc, "203.0.113.7");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
		assertThat(refused.json().at("/detail").asString()).contains("Please wait").contains("try again");
		assertThat(refused.json().at("/status").asInt()).isEqualTo(429);
		GoldenJson.assertMatches("api/problem-429-chat-start.json", refused.json());

		assertThat(start(poc, "198.51.100.1, 203.0.113.7").status()).as("a spoofed first hop changes nothing")
			.isEqualTo(429);
		assertThat(start(poc, "203.0.113.7, 127.0.0.1").status()).as("trusted hops are skipped").isEqualTo(429);
		assertThat(start(poc, "203.0.113.8").status()).as("another client").isEqualTo(201);
		assertThat(start(otherPoc, "203.0.113.7").status()).as("another point of contact").isEqualTo(201);
	}

	@Test
	void endsChatsWhoseCustomerLeftButNotThoseStillThere() throws Exception {
		ChatTestKit kit = ChatTestKit.newTenant(port, tenants);
		String skill = kit.skill("gone");
		String poc = kit.pointOfContact(skill);
		String nobody = kit.pointOfContact(kit.skill("nobody"));
		Agent agent = kit.agent("gil", 5, skill);
		AgentFeed feed = agent.feed();
		agent.status("AVAILABLE");

		Customer connected = startFrom(kit, poc, "192.0.2.1");
		feed.assigned(connected.chatId());
		TestSocket socket = TestSocket.open("ws://localhost:" + port + "/widget/v1/chats/" + connected.chatId()
				+ "/stream?token=" + connected.token(), Map.of());
		Customer polling = startFrom(kit, poc, "192.0.2.2");
		feed.assigned(polling.chatId());
		AtomicBoolean keepPolling = new AtomicBoolean(true);
		CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
			long after = 0;
			while (keepPolling.get()) {
				for (JsonNode event : polling.events(after, 3)) {
					after = event.at("/seq").asLong();
				}
			}
		});
		Customer gone = startFrom(kit, poc, "192.0.2.3");
		feed.assigned(gone.chatId());
		Customer goneWhileWaiting = startFrom(kit, nobody, "192.0.2.4");

		JsonNode ended = feed.await(e -> e.at("/type").asString().equals("ENDED")
				&& e.at("/chatId").asString().equals(gone.chatId()), "the abandoned chat's end");
		assertThat(ended.at("/endedBy").asString()).isEqualTo("SYSTEM");
		ChatTestKit.eventually(() -> state(goneWhileWaiting), "ENDED"::equals, "the waiting chat abandoned");

		assertThat(state(connected)).isEqualTo("ACTIVE");
		assertThat(state(polling)).isEqualTo("ACTIVE");
		assertThat(feed.seen).filteredOn(type("ENDED")).hasSize(1);
		keepPolling.set(false);
		poller.get(10, TimeUnit.SECONDS);
		socket.close();
		assertThat(agent.api().get("/api/v1/agent/status").json().at("/activeChats").asInt()).isEqualTo(2);
	}

	private Customer startFrom(ChatTestKit kit, String poc, String address) {
		Answer started = start(poc, address);
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		return new Customer(started.json().at("/chatId").asString(), started.json().at("/token").asString(),
				started.json(), HttpApi.bearer(port, started.json().at("/token").asString()));
	}

	private String state(Customer customer) {
		return jdbc.sql("select state from chat where id = ?::uuid").param(customer.chatId()).query(String.class).single();
	}
}

package io.parley.chat;

import static io.parley.chat.ChatTestKit.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Agent;
import io.parley.chat.ChatTestKit.AgentFeed;
import io.parley.chat.ChatTestKit.Customer;
import tools.jackson.databind.JsonNode;

/** Agents' feeds lose what is older than the retention; cursors, chats and transcripts carry on unchanged. */
@IntegrationTest
class AgentFeedPruningIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	AgentFeedPruning pruning;

	@Autowired
	JdbcClient jdbc;

	@Test
	void deletesOldFeedEventsAndKeepsCursorsChatsAndTranscripts() {
		ChatTestKit kit = ChatTestKit.newTenant(port, tenants);
		String skill = kit.skill("feed");
		Agent agent = kit.agent("pruner", 2, skill);
		agent.status("AVAILABLE");
		Customer customer = kit.start(kit.pointOfContact(skill));
		AgentFeed feed = agent.feed();
		feed.assigned(customer.chatId());
		assertThat(customer.say("m1", "before").status()).isEqualTo(201);
		feed.await(type("MESSAGE"), "the first message");
		UUID agentId = UUID.fromString(agent.id());
		long before = count(agentId);
		assertThat(before).isGreaterThanOrEqualTo(2);

		// Everything so far is made two days old; the retention is 24 hours.
		jdbc.sql("update agent_feed set at = at - interval '2 days' where agent_id = ?").param(agentId).update();
		assertThat(pruning.prune(Instant.now().minus(Duration.ofHours(24)))).isGreaterThanOrEqualTo(before);
		assertThat(count(agentId)).isZero();

		// The cursor the agent holds still works, and new events carry on after it.
		assertThat(customer.say("m2", "after").status()).isEqualTo(201);
		JsonNode next = feed.await(type("MESSAGE"), "the second message");
		assertThat(next.at("/text").asString()).isEqualTo("after");
		assertThat(Long.parseLong(next.at("/cursor").asString())).isGreaterThan(before);
		assertThat(count(agentId)).isEqualTo(1);

		// Recent events stay; the transcript still has every message.
		assertThat(pruning.prune(Instant.now().minus(Duration.ofHours(24)))).isZero();
		assertThat(count(agentId)).isEqualTo(1);
		JsonNode transcript = agent.api().get("/api/v1/chats/" + customer.chatId() + "/transcript").json();
		List<String> texts = transcript.at("/messages").valueStream().map(m -> m.at("/text").asString()).toList();
		assertThat(texts).containsExactly("before", "after");
	}

	private long count(UUID agentId) {
		return jdbc.sql("select count(*) from agent_feed where agent_id = ?").param(agentId).query(Long.class).single();
	}
}

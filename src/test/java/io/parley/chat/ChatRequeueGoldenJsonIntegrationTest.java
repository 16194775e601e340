package io.parley.chat;

import static io.parley.chat.ChatTestKit.type;
import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.parley.GoldenJson;
import io.parley.IntegrationTest;
import io.parley.TestSocket;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Agent;
import io.parley.chat.ChatTestKit.Customer;
import tools.jackson.databind.JsonNode;

/**
 * The events of a chat taken from a gone agent, against the golden JSON (see {@link GoldenJson}): the customer's
 * system message and waiting state, the agent's UNASSIGNED. Same settings as {@code AgentPresenceIntegrationTest}, so
 * the two share one running Parley.
 */
@IntegrationTest
@TestPropertySource(properties = { "parley.routing.agent-disconnect-grace=2s",
		"parley.routing.agent-abandon-grace=5s" })
class ChatRequeueGoldenJsonIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Test
	void requeuedChatEventsAreAsRecorded() {
		ChatTestKit kit = ChatTestKit.newTenant(port, tenants);
		String skill = kit.skill("requeue");
		String poc = kit.pointOfContact(skill);
		Agent agent = kit.agent("rae", 1, skill);
		agent.status("AVAILABLE");
		TestSocket socket = kit.feedSocket(agent);
		Customer customer = kit.start(poc);
		socket.await(e -> e.at("/type").asString().equals("STATE"), "the chat active");
		socket.close();

		JsonNode queued = customer.feed().await(e -> e.at("/type").asString().equals("STATE")
				&& e.at("/state").asString().equals("QUEUED") && e.at("/seq").asLong() > 1, "the chat back in the queue");
		assertThat(queued.at("/seq").asLong()).isEqualTo(4);
		GoldenJson.assertMatches("chat/requeued-customer-events.json",
				customer.api().get(customer.path("/events?after=0")).json());
		GoldenJson.assertMatches("chat/requeued-status.json", customer.status());
		JsonNode unassigned = agent.feed().await(type("UNASSIGNED"), "the chat taken from rae");
		GoldenJson.assertMatches("chat/requeued-agent-unassigned.json", unassigned);
		GoldenJson.assertMatches("chat/requeued-transcript.json",
				kit.admin.get("/api/v1/chats/" + customer.chatId() + "/transcript").json());
	}
}

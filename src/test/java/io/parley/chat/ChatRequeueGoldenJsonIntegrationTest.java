package io.parley.chat;

import static io.parley.chat.ChatTestKit.type;
import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.parley.IntegrationTest;
import io.parley.TestSocket;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Agent;
import io.parley.chat.ChatTestKit.Customer;
import tools.jackson.databind.JsonNode;

/**
 * The events of a chat taken from a gone agent, against the golden JSON (see {@link ChatGolden}): the customer's
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
		ChatGolden.check("requeued-customer-events", customer.api().get(customer.path("/events?after=0")).json());
		ChatGolden.check("requeued-status", customer.status());
		JsonNode unassigned = agent.feed().await(type("UNASSIGNED"), "the chat taken from rae");
		ChatGolden.check("requeued-agent-unassigned", unassigned);
		ChatGolden.check("requeued-transcript", kit.admin.get("/api/v1/chats/" + customer.chatId() + "/transcript")
			.json());
	}
}

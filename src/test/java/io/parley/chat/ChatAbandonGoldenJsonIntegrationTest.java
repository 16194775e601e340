package io.parley.chat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.parley.GoldenJson;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Customer;

/**
 * The events of a chat its customer left, ended by SYSTEM, against the golden JSON (see {@link GoldenJson}), with
 * customers gone after two seconds ({@link ShortChatLimits}).
 */
@ShortChatLimits
class ChatAbandonGoldenJsonIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Test
	void abandonedChatEventsAreAsRecorded() {
		ChatTestKit kit = ChatTestKit.newTenant(port, tenants);
		String poc = kit.pointOfContact(kit.skill("left"));
		Customer customer = kit.start(poc);
		ChatTestKit.eventually(() -> jdbc.sql("select state from chat where id = ?::uuid")
			.param(customer.chatId())
			.query(String.class)
			.single(), "ENDED"::equals, "the chat abandoned");
		GoldenJson.assertMatches("chat/abandoned-customer-events.json",
				customer.api().get(customer.path("/events?after=0")).json());
		GoldenJson.assertMatches("chat/abandoned-status.json", customer.status());
	}
}

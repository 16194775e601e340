package io.parley.chat;

import static io.parley.chat.ChatTestKit.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Customer;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import tools.jackson.databind.JsonNode;

/**
 * The check for chats whose customer left runs on one node at a time, under the scheduling lock
 * {@code chat.abandoned-chats}: while another node holds it, this node ends nothing; once it is free, the chat ends by
 * SYSTEM. Customers are gone after two seconds ({@link ShortChatLimits}).
 */
@ShortChatLimits
class AbandonedChatCheckIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LockProvider locks;

	@Test
	void aCheckLockHeldByAnotherNodeHoldsTheEndOfAbandonedChatsBack() {
		ChatTestKit kit = ChatTestKit.newTenant(port, tenants);
		String poc = kit.pointOfContact(kit.skill("left"));
		// another node holds the check's lock (taken between two of this node's runs)
		SimpleLock held = eventually(() -> locks.lock(new LockConfiguration(Instant.now(), "chat.abandoned-chats",
				Duration.ofMinutes(1), Duration.ZERO)), Optional::isPresent, "the check's lock taken").orElseThrow();
		Customer customer;
		try {
			customer = kit.start(poc);
			// gone twice the limit: this node's check (every 500 ms) would have ended it long ago
			eventually(() -> jdbc.sql("select now() - customer_seen_at > interval '4 seconds' from chat where id = ?::uuid")
				.param(customer.chatId())
				.query(Boolean.class)
				.single(), Boolean.TRUE::equals, "the customer gone for four seconds");
			assertThat(state(customer)).isEqualTo("QUEUED");
		}
		finally {
			held.unlock();
		}
		eventually(() -> state(customer), "ENDED"::equals, "the chat ended once the lock was free");
		JsonNode ended = customer.events(0, 0).getLast();
		assertThat(ended.at("/type").asString()).isEqualTo("ENDED");
		assertThat(ended.at("/endedBy").asString()).isEqualTo("SYSTEM");
	}

	private String state(Customer customer) {
		return jdbc.sql("select state from chat where id = ?::uuid").param(customer.chatId()).query(String.class).single();
	}
}

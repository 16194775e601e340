package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.parley.database.EmbeddedDatabaseSlice;

/** Routing's SQL on the embedded PostgreSQL: queue order, positions, requeueing to the front, waits per position. */
@EmbeddedDatabaseSlice
class RoutingEntriesTest {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

	@Autowired
	JdbcClient jdbc;

	RoutingEntries entries;
	QueueKey queue;

	@BeforeEach
	void queue() {
		entries = new RoutingEntries(jdbc);
		UUID tenant = UUID.randomUUID();
		jdbc.sql("insert into tenant (id, name) values (?, ?)").params(tenant, "Tenant " + tenant).update();
		queue = new QueueKey(tenant, "sales");
	}

	private UUID join() {
		UUID chat = UUID.randomUUID();
		entries.lockQueue(queue);
		entries.insert(chat, queue, NOW, entries.countWaiting(queue) + 1);
		return chat;
	}

	@Test
	void keepsChatsInArrivalOrderAndCountsPositionsFromOne() {
		UUID first = join();
		UUID second = join();
		UUID third = join();
		assertThat(entries.positions(queue)).containsExactly(Map.entry(first, 1),
				Map.entry(second, 2), Map.entry(third, 3));
		assertThat(entries.position(third)).contains(3);
		assertThat(entries.lockOldestWaiting(queue)).map(RoutingEntries.Waiting::chatId).contains(first);
		assertThat(entries.queuesWithWaitingChats()).contains(queue);
	}

	@Test
	void anAssignedChatNoLongerWaitsAndARequeuedOneStandsBeforeLaterArrivals() {
		UUID first = join();
		UUID second = join();
		UUID agent = UUID.randomUUID();
		entries.assign(first, agent, NOW);
		assertThat(entries.position(first)).isEmpty();
		assertThat(entries.position(second)).contains(1);
		assertThat(entries.lock(first)).map(RoutingEntries.Entry::agentId).contains(agent);

		entries.requeue(first, NOW.plusSeconds(10));
		assertThat(entries.position(first)).as("back at the front").contains(1);
		assertThat(entries.position(second)).contains(2);
		assertThat(jdbc.sql("select initial_position from routing_entry where chat_id = ?").param(first)
			.query(Integer.class).single()).isEqualTo(1);

		entries.delete(first);
		assertThat(entries.lock(first)).isEmpty();
		assertThat(entries.position(second)).contains(1);
	}

	@Test
	void estimatesFromRecentWaitsPerPositionAndForgetsOldOnes() {
		assertThat(entries.millisPerPosition(queue)).isNull();
		entries.recordWait(queue, NOW, 90_000, 3);
		entries.recordWait(queue, NOW, 10_000, 1);
		assertThat(entries.millisPerPosition(queue)).isEqualTo(20_000.0);
		entries.recordWait(queue, NOW.minus(2, ChronoUnit.DAYS), 1, 1);
		entries.forgetOldWaits();
		assertThat(jdbc.sql("select count(*) from routing_wait where tenant_id = ?").param(queue.tenantId())
			.query(Integer.class).single()).isEqualTo(2);
	}
}

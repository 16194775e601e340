package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;
import io.parley.chat.ChatTestKit.Agent;
import io.parley.chat.ChatTestKit.Customer;
import io.parley.routing.Routing;

/**
 * Many chats, several agents and several assignment runs at once: whatever the interleaving, no chat goes to two
 * agents and no agent ever holds more chats than their capacity. Checked in the database, not in answers.
 */
@IntegrationTest
class ChatRaceIntegrationTest {

	private static final int CHATS = 30;
	private static final int AGENTS = 4;
	private static final int CAPACITY = 2;

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	Routing routing;

	@Autowired
	JdbcClient jdbc;

	@Test
	void neverAssignsAChatTwiceNorAnAgentBeyondCapacity() throws Exception {
		ChatTestKit kit = ChatTestKit.newTenant(port, tenants);
		String skill = kit.skill("race");
		List<String> pocs = List.of(kit.pointOfContact(skill), kit.pointOfContact(skill), kit.pointOfContact(skill));
		UUID tenant = jdbc.sql("select tenant_id from point_of_contact where id = ?::uuid").param(pocs.get(0))
			.query(UUID.class).single();
		List<Agent> agents = new ArrayList<>();
		for (int i = 0; i < AGENTS; i++) {
			agents.add(kit.agent("racer" + i, CAPACITY, skill));
		}

		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Callable<Object>> work = new ArrayList<>();
			List<Customer> customers = Collections.synchronizedList(new ArrayList<>());
			for (int i = 0; i < CHATS; i++) {
				String poc = pocs.get(i % pocs.size());
				work.add(() -> customers.add(kit.start(poc)));
			}
			for (Agent agent : agents) {
				work.add(() -> agent.status("AVAILABLE"));
			}
			for (int i = 0; i < 6; i++) {
				work.add(() -> {
					for (int run = 0; run < 10; run++) {
						routing.assignWaiting(tenant, skill);
					}
					return null;
				});
			}
			Collections.shuffle(work);
			for (Future<Object> done : threads.invokeAll(work, 2, TimeUnit.MINUTES)) {
				done.get();
			}
			assertThat(customers).hasSize(CHATS);
			ChatTestKit.eventually(() -> count("state = 'ACTIVE'", tenant), n -> n == AGENTS * CAPACITY,
					"all places taken");
			checkInvariants(tenant);

			// Agents end their chats while assignment runs race with the ends, until every chat was served.
			while (count("assigned_at is not null", tenant) < CHATS) {
				List<Callable<Object>> round = new ArrayList<>();
				for (Agent agent : agents) {
					round.add(() -> {
						agent.chats().at("/items").forEach(chat -> {
							Answer ended = agent.api().post("/api/v1/agent/chats/" + chat.at("/chatId").asString()
									+ "/end", null);
							assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
						});
						return null;
					});
				}
				for (int i = 0; i < 4; i++) {
					round.add(() -> routing.assignWaiting(tenant, skill));
				}
				for (Future<Object> done : threads.invokeAll(round, 2, TimeUnit.MINUTES)) {
					done.get();
				}
				checkInvariants(tenant);
				// Nobody ends a chat now, so the open chats stay as many; the free places must all fill.
				long open = count("state <> 'ENDED'", tenant);
				ChatTestKit.eventually(() -> count("state = 'ACTIVE'", tenant),
						active -> active == Math.min(open, AGENTS * CAPACITY), "free places filled");
			}
		}
		finally {
			threads.shutdownNow();
		}
		checkInvariants(tenant);
		assertThat(jdbc.sql("select count(*) from agent_feed f join chat c on c.id = f.chat_id"
				+ " where c.tenant_id = ? and f.event::jsonb ->> 'type' = 'ASSIGNED'")
			.param(tenant).query(Long.class).single()).isEqualTo(CHATS);
		assertNeverOverCapacity(tenant);
	}

	private long count(String condition, UUID tenant) {
		return jdbc.sql("select count(*) from chat where tenant_id = ? and " + condition)
			.param(tenant)
			.query(Long.class)
			.single();
	}

	private void checkInvariants(UUID tenant) {
		assertThat(jdbc.sql("select f.chat_id from agent_feed f join chat c on c.id = f.chat_id where c.tenant_id = ?"
				+ " and f.event::jsonb ->> 'type' = 'ASSIGNED' group by f.chat_id having count(*) > 1")
			.param(tenant).query(UUID.class).list()).as("chats assigned twice").isEmpty();
		assertThat(jdbc.sql("select e.chat_id from chat_event e join chat c on c.id = e.chat_id where c.tenant_id = ?"
				+ " and e.type = 'STATE' and e.data::jsonb ->> 'state' = 'ACTIVE' group by e.chat_id having count(*) > 1")
			.param(tenant).query(UUID.class).list()).as("chats activated twice").isEmpty();
		assertThat(jdbc.sql("select agent_id from chat where tenant_id = ? and state = 'ACTIVE' group by agent_id"
				+ " having count(*) > ?").params(tenant, CAPACITY).query(UUID.class).list())
			.as("agents over capacity").isEmpty();
		assertThat(jdbc.sql("select a.agent_id from routing_agent a where a.tenant_id = ? and a.active_chats <>"
				+ " (select count(*) from routing_entry e where e.agent_id = a.agent_id)")
			.param(tenant).query(UUID.class).list()).as("agents whose count is off").isEmpty();
		assertThat(jdbc.sql("select count(*) from chat c join routing_entry e on e.chat_id = c.id where c.tenant_id = ?"
				+ " and (c.state = 'ENDED' or (c.state = 'ACTIVE') <> (e.agent_id is not null)"
				+ " or c.agent_id is distinct from e.agent_id)")
			.param(tenant).query(Long.class).single()).as("chats routing sees otherwise").isZero();
	}

	/** From each chat's assignment and end times: at no instant did an agent hold more chats than allowed. */
	private void assertNeverOverCapacity(UUID tenant) {
		record Span(UUID agent, Instant from, Instant to) {
		}
		List<Span> spans = jdbc.sql("select agent_id, assigned_at, ended_at from chat where tenant_id = ?")
			.param(tenant)
			.query((rs, n) -> new Span(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
					rs.getTimestamp(3) == null ? Instant.MAX : ((Timestamp) rs.getTimestamp(3)).toInstant()))
			.list();
		Map<UUID, List<Span>> byAgent = new java.util.HashMap<>();
		spans.forEach(span -> byAgent.computeIfAbsent(span.agent(), a -> new ArrayList<>()).add(span));
		assertThat(byAgent).hasSize(AGENTS);
		byAgent.forEach((agent, own) -> {
			List<Map.Entry<Instant, Integer>> changes = new ArrayList<>();
			own.forEach(span -> {
				changes.add(Map.entry(span.from(), 1));
				changes.add(Map.entry(span.to(), -1));
			});
			// An end and a start at the same instant: the end first (the place was free).
			changes.sort(Comparator.<Map.Entry<Instant, Integer>, Instant>comparing(Map.Entry::getKey)
				.thenComparing(Map.Entry::getValue));
			int held = 0;
			for (Map.Entry<Instant, Integer> change : changes) {
				held += change.getValue();
				assertThat(held).as("chats held by agent %s at %s", agent, change.getKey()).isLessThanOrEqualTo(CAPACITY);
			}
		});
	}
}

package io.parley.routing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The chats routing knows of, waiting or handled, and the recent waits per queue. */
@Repository
class RoutingEntries {

	/** A waiting chat locked for assignment. */
	record Waiting(UUID chatId, Instant queuedAt, int initialPosition) {
	}

	/** A chat's entry locked for release. */
	record Entry(UUID chatId, UUID tenantId, String skill, UUID agentId) {
	}

	// Waits are averaged per position (a chat that joined at position 3 and waited 90 s: 30 s per position) over
	// the last ones of the past day, so the estimate follows how fast the queue moves now.
	private static final int RECENT_WAITS = 20;

	private final JdbcClient jdbc;

	RoutingEntries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serializes joining one queue until the transaction ends, so that the arrival number drawn and the position
	 * counted agree with those of a chat joining at the same time.
	 */
	void lockQueue(QueueKey queue) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(? || '/' || ?, 7001))")
			.params(queue.tenantId().toString(), queue.skill())
			.query((rs, n) -> 1)
			.list();
	}

	int countWaiting(QueueKey queue) {
		return jdbc.sql("select count(*) from routing_entry where tenant_id = ? and skill = ? and agent_id is null")
			.params(queue.tenantId(), queue.skill())
			.query(Integer.class)
			.single();
	}

	void insert(UUID chatId, QueueKey queue, Instant queuedAt, int initialPosition) {
		jdbc.sql("insert into routing_entry (chat_id, tenant_id, skill, queued_at, initial_position) values (?,?,?,?,?)")
			.params(chatId, queue.tenantId(), queue.skill(), Timestamp.from(queuedAt), initialPosition)
			.update();
	}

	/** The oldest waiting chat of the queue that no other transaction holds, locked; empty when none. */
	Optional<Waiting> lockOldestWaiting(QueueKey queue) {
		return jdbc.sql("select chat_id, queued_at, initial_position from routing_entry"
				+ " where tenant_id = ? and skill = ? and agent_id is null"
				+ " order by arrival limit 1 for update skip locked")
			.params(queue.tenantId(), queue.skill())
			.query((rs, n) -> new Waiting(rs.getObject("chat_id", UUID.class), rs.getTimestamp("queued_at").toInstant(),
					rs.getInt("initial_position")))
			.optional();
	}

	void assign(UUID chatId, UUID agentId, Instant at) {
		jdbc.sql("update routing_entry set agent_id = ?, assigned_at = ? where chat_id = ?")
			.params(agentId, Timestamp.from(at), chatId)
			.update();
	}

	/**
	 * Takes the chat from its agent and makes it wait again under its first arrival, so that it stands before every
	 * chat that came after it. Its wait, for the estimate, counts from now at the position it stands at now.
	 */
	void requeue(UUID chatId, Instant at) {
		jdbc.sql("update routing_entry e set agent_id = null, assigned_at = null, queued_at = ?,"
				+ " initial_position = (select count(*) + 1 from routing_entry o where o.tenant_id = e.tenant_id"
				+ " and o.skill = e.skill and o.agent_id is null and o.arrival < e.arrival) where chat_id = ?")
			.params(Timestamp.from(at), chatId)
			.update();
	}

	/** The chat's entry, locked (waiting for a transaction that holds it); empty when routing has none. */
	Optional<Entry> lock(UUID chatId) {
		return jdbc.sql("select chat_id, tenant_id, skill, agent_id from routing_entry where chat_id = ? for update")
			.param(chatId)
			.query((rs, n) -> new Entry(rs.getObject("chat_id", UUID.class), rs.getObject("tenant_id", UUID.class),
					rs.getString("skill"), rs.getObject("agent_id", UUID.class)))
			.optional();
	}

	void delete(UUID chatId) {
		jdbc.sql("delete from routing_entry where chat_id = ?").param(chatId).update();
	}

	/** The position of a waiting chat (1: next), empty when it does not wait. */
	Optional<Integer> position(UUID chatId) {
		return jdbc.sql("select (select count(*) from routing_entry o where o.tenant_id = e.tenant_id"
				+ " and o.skill = e.skill and o.agent_id is null and o.arrival < e.arrival) + 1"
				+ " from routing_entry e where e.chat_id = ? and e.agent_id is null")
			.param(chatId)
			.query(Integer.class)
			.optional();
	}

	/** The waiting chats of a queue by position, first is next. */
	Map<UUID, Integer> positions(QueueKey queue) {
		Map<UUID, Integer> positions = new LinkedHashMap<>();
		jdbc.sql("select chat_id from routing_entry where tenant_id = ? and skill = ? and agent_id is null order by arrival")
			.params(queue.tenantId(), queue.skill())
			.query((rs, n) -> rs.getObject("chat_id", UUID.class))
			.list()
			.forEach(id -> positions.put(id, positions.size() + 1));
		return positions;
	}

	List<QueueKey> queuesWithWaitingChats() {
		return jdbc.sql("select distinct tenant_id, skill from routing_entry where agent_id is null")
			.query((rs, n) -> new QueueKey(rs.getObject("tenant_id", UUID.class), rs.getString("skill")))
			.list();
	}

	void recordWait(QueueKey queue, Instant assignedAt, long waitMillis, int initialPosition) {
		jdbc.sql("insert into routing_wait (tenant_id, skill, assigned_at, wait_millis, initial_position) values (?,?,?,?,?)")
			.params(queue.tenantId(), queue.skill(), Timestamp.from(assignedAt), waitMillis, initialPosition)
			.update();
	}

	/** Milliseconds a queue moved by one position recently, null without recent waits. */
	Double millisPerPosition(QueueKey queue) {
		return jdbc.sql("select avg(wait_millis::float8 / greatest(initial_position, 1)) from (select wait_millis,"
				+ " initial_position from routing_wait where tenant_id = ? and skill = ?"
				+ " and assigned_at > now() - interval '1 day' order by assigned_at desc limit " + RECENT_WAITS + ") w")
			.params(queue.tenantId(), queue.skill())
			.query((rs, n) -> {
				double value = rs.getDouble(1);
				return rs.wasNull() ? null : value;
			})
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	void forgetOldWaits() {
		jdbc.sql("delete from routing_wait where assigned_at < now() - interval '1 day'").update();
	}
}

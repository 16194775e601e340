package io.parley.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When each agent was last connected ({@code agent_connection}), in the database's time so that nodes' clocks do not
 * matter. Lock order: routing entry, routing agent, then this row, then the chat.
 */
@Repository
class AgentConnectionTimes {

	/** An agent set away by the system, and when they were last connected. */
	record SetAway(UUID agentId, UUID tenantId, String displayName, Instant seenAt) {
	}

	/** A chat held by an agent who is gone. */
	record Held(UUID chatId, UUID agentId, Instant seenAt) {
	}

	private final JdbcClient jdbc;

	AgentConnectionTimes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Notes that the agent is connected now ({@code connected}), or was until now and has no connection left on this
	 * node: routing offers such an agent no new chat, while the disconnect grace runs from now. Answers whether the
	 * agent counted as disconnected before (so that a connection coming back can offer them the waiting chats).
	 */
	boolean seen(UUID agentId, boolean connected) {
		return Boolean.TRUE.equals(jdbc.sql("with prior as (select connected from agent_connection where agent_id = :id)"
				+ " insert into agent_connection (agent_id, seen_at, connected) values (:id, now(), :connected)"
				+ " on conflict (agent_id) do update set seen_at = greatest(agent_connection.seen_at, excluded.seen_at),"
				+ " connected = excluded.connected returning (select not connected from prior)")
			.param("id", agentId)
			.param("connected", connected)
			.query(Boolean.class)
			.optional()
			.orElse(null));
	}

	/**
	 * Renews the mark of the agents a node holds connections for, in one statement. The rows are locked in id order, so
	 * that two nodes renewing agents connected to both never deadlock.
	 */
	void renew(Collection<UUID> agentIds) {
		if (agentIds.isEmpty()) {
			return;
		}
		jdbc.sql("update agent_connection set seen_at = now(), connected = true where agent_id in (select agent_id from agent_connection"
				+ " where agent_id = any(?) order by agent_id for update)")
			.param(agentIds.toArray(UUID[]::new))
			.update();
	}

	/**
	 * Sets away, with the reason DISCONNECTED, the available agents not connected for {@code grace}; answers who.
	 * An agent who changed their status meanwhile is checked again by the update itself.
	 */
	List<SetAway> setAwayGoneFor(Duration grace) {
		return jdbc.sql("update routing_agent a set status = 'AWAY', away_reason = 'DISCONNECTED', updated_at = now()"
				+ " from agent_connection c where c.agent_id = a.agent_id and a.status = 'AVAILABLE'"
				+ " and c.seen_at < now() - ? * interval '1 millisecond'"
				+ " returning a.agent_id, a.tenant_id, a.display_name, c.seen_at")
			.param(grace.toMillis())
			.query((rs, n) -> new SetAway(rs.getObject("agent_id", UUID.class), rs.getObject("tenant_id", UUID.class),
					rs.getString("display_name"), rs.getTimestamp("seen_at").toInstant()))
			.list();
	}

	/** Chats whose agent has not been connected for {@code grace}, those gone longest first. */
	List<Held> chatsOfAgentsGoneFor(Duration grace, int limit) {
		return jdbc.sql("select e.chat_id, e.agent_id, c.seen_at from agent_connection c"
				+ " join routing_entry e on e.agent_id = c.agent_id"
				+ " where c.seen_at < now() - ? * interval '1 millisecond' order by c.seen_at, e.arrival limit ?")
			.params(grace.toMillis(), limit)
			.query((rs, n) -> new Held(rs.getObject("chat_id", UUID.class), rs.getObject("agent_id", UUID.class),
					rs.getTimestamp("seen_at").toInstant()))
			.list();
	}

	/**
	 * Locks the agent's row while they are still gone for {@code grace}; false when they came back meanwhile. An agent
	 * coming back now waits for the lock, so they are either back before the decision or after it.
	 */
	boolean lockGoneFor(UUID agentId, Duration grace) {
		return !jdbc.sql("select 1 from agent_connection where agent_id = ?"
				+ " and seen_at < now() - ? * interval '1 millisecond' for update")
			.params(agentId, grace.toMillis())
			.query(Integer.class)
			.list()
			.isEmpty();
	}
}

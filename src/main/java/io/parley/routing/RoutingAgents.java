package io.parley.routing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.parley.accounts.AgentDirectory.Agent;

/** Agents' presence as routing keeps it: status, the copy of skills and capacity, and how many chats they have. */
@Repository
class RoutingAgents {

	/** An agent locked for an assignment or a release. */
	record Locked(UUID agentId, UUID tenantId, String displayName, List<String> skills) {
	}

	/**
	 * Available, and not an agent whose last connection closed (they may have closed the browser for good): such an
	 * agent takes no new chat and does not count as available while the disconnect grace runs.
	 */
	private static final String READY = "status = 'AVAILABLE' and not exists (select 1 from agent_connection c"
			+ " where c.agent_id = routing_agent.agent_id and not c.connected)";

	private final JdbcClient jdbc;

	RoutingAgents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean anyAvailable(UUID tenantId, String skill) {
		return jdbc.sql("select exists (select 1 from routing_agent where tenant_id = ? and " + READY
				+ " and ? = any(skills))")
			.params(tenantId, skill)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Sets the status and refreshes the copy of the agent's skills, capacity and name. Becoming available from away
	 * (or for the first time) starts the idle time now; staying available keeps it. A status the agent chooses has no
	 * away reason.
	 */
	void save(Agent agent, AgentStatus status, Instant now) {
		jdbc.sql("insert into routing_agent (agent_id, tenant_id, status, display_name, skills, max_chats, active_chats,"
				+ " idle_since, updated_at) values (:id, :tenant, :status, :name, :skills, :max, 0, :now, :now)"
				+ " on conflict (agent_id) do update set status = excluded.status, away_reason = null,"
				+ " display_name = excluded.display_name,"
				+ " skills = excluded.skills, max_chats = excluded.max_chats, updated_at = excluded.updated_at,"
				+ " idle_since = case when routing_agent.status = 'AWAY' and excluded.status = 'AVAILABLE'"
				+ " then excluded.idle_since else routing_agent.idle_since end")
			.param("id", agent.id())
			.param("tenant", agent.tenantId())
			.param("status", status.name())
			.param("name", agent.displayName())
			.param("skills", agent.skills().toArray(String[]::new))
			.param("max", agent.maxConcurrentChats())
			.param("now", Timestamp.from(now))
			.update();
	}

	Optional<AgentPresence> presence(UUID tenantId, UUID agentId) {
		return jdbc.sql("select status, active_chats, max_chats, away_reason from routing_agent"
				+ " where tenant_id = ? and agent_id = ?")
			.params(tenantId, agentId)
			.query((rs, n) -> presence(rs))
			.optional();
	}

	/** The presence of those of {@code agentIds} routing knows, by agent. */
	Map<UUID, AgentPresence> presences(UUID tenantId, Collection<UUID> agentIds) {
		Map<UUID, AgentPresence> found = new HashMap<>();
		jdbc.sql("select agent_id, status, active_chats, max_chats, away_reason from routing_agent"
				+ " where tenant_id = ? and agent_id = any(?)")
			.params(tenantId, agentIds.toArray(UUID[]::new))
			.query((rs, n) -> Map.entry(rs.getObject("agent_id", UUID.class), presence(rs)))
			.list()
			.forEach(entry -> found.put(entry.getKey(), entry.getValue()));
		return found;
	}

	private static AgentPresence presence(java.sql.ResultSet rs) throws java.sql.SQLException {
		String reason = rs.getString("away_reason");
		return new AgentPresence(AgentStatus.valueOf(rs.getString("status")), rs.getInt("active_chats"),
				rs.getInt("max_chats"), reason == null ? null : AwayReason.valueOf(reason));
	}

	/**
	 * The available agent of the tenant with the skill and a free place who has been idle longest, among those no
	 * other transaction holds, locked; empty when none.
	 */
	Optional<Locked> lockLongestIdle(QueueKey queue) {
		return jdbc.sql("select agent_id, tenant_id, display_name, skills from routing_agent"
				+ " where tenant_id = ? and " + READY + " and active_chats < max_chats and ? = any(skills)"
				+ " order by idle_since, agent_id limit 1 for update skip locked")
			.params(queue.tenantId(), queue.skill())
			.query((rs, n) -> locked(rs))
			.optional();
	}

	/** The queues an available agent serves: those of their skills; none when they are away or unknown. */
	List<QueueKey> queuesServedBy(UUID agentId) {
		return jdbc.sql("select agent_id, tenant_id, display_name, skills from routing_agent"
				+ " where agent_id = ? and status = 'AVAILABLE'")
			.param(agentId)
			.query((rs, n) -> locked(rs))
			.optional()
			.map(agent -> agent.skills().stream().map(skill -> new QueueKey(agent.tenantId(), skill)).toList())
			.orElse(List.of());
	}

	/** The agent, locked (waiting for a transaction that holds it). */
	Optional<Locked> lock(UUID agentId) {
		return jdbc.sql("select agent_id, tenant_id, display_name, skills from routing_agent where agent_id = ? for update")
			.param(agentId)
			.query((rs, n) -> locked(rs))
			.optional();
	}

	void addChat(UUID agentId, Instant now) {
		jdbc.sql("update routing_agent set active_chats = active_chats + 1, idle_since = ? where agent_id = ?")
			.params(Timestamp.from(now), agentId)
			.update();
	}

	void removeChat(UUID agentId, Instant now) {
		jdbc.sql("update routing_agent set active_chats = greatest(active_chats - 1, 0), idle_since = ? where agent_id = ?")
			.params(Timestamp.from(now), agentId)
			.update();
	}

	List<UUID> available() {
		return jdbc.sql("select agent_id from routing_agent where status = 'AVAILABLE'")
			.query((rs, n) -> rs.getObject("agent_id", UUID.class))
			.list();
	}

	/** Refreshes the copy of an available agent's skills, capacity and name; true when something changed. */
	boolean refresh(Agent agent) {
		return jdbc.sql("update routing_agent set display_name = :name, skills = cast(:skills as text[]), max_chats = :max,"
				+ " updated_at = now() where agent_id = :id and status = 'AVAILABLE'"
				+ " and (display_name <> :name or skills <> cast(:skills as text[]) or max_chats <> :max)")
			.param("id", agent.id())
			.param("name", agent.displayName())
			.param("skills", agent.skills().toArray(String[]::new))
			.param("max", agent.maxConcurrentChats())
			.update() == 1;
	}

	void setAway(UUID agentId) {
		jdbc.sql("update routing_agent set status = 'AWAY', updated_at = now() where agent_id = ?").param(agentId).update();
	}

	private static Locked locked(java.sql.ResultSet rs) throws java.sql.SQLException {
		java.sql.Array skills = rs.getArray("skills");
		return new Locked(rs.getObject("agent_id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getString("display_name"), skills == null ? List.of() : List.of((String[]) skills.getArray()));
	}
}

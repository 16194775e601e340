package io.parley.accounts;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other modules may ask about a tenant's agents. */
@Service
public class AgentDirectory {

	/**
	 * A user as chat routing sees them: name shown to customers, skills, how many chats at once, and whether they may
	 * take chats at all (enabled, with the AGENT role).
	 */
	public record Agent(UUID id, UUID tenantId, String displayName, List<String> skills, int maxConcurrentChats,
			boolean enabled, boolean hasAgentRole) {

		public Agent {
			skills = List.copyOf(skills);
		}

		/** Whether this user may be given chats now. */
		public boolean canTakeChats() {
			return enabled && hasAgentRole;
		}
	}

	private static final String COLUMNS = "id, tenant_id, display_name, skills, max_concurrent_chats, enabled,"
			+ " 'AGENT' = any(roles) as agent_role";

	private final JdbcClient jdbc;

	AgentDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The user {@code userId} of {@code tenantId}, empty when there is none. */
	public Optional<Agent> find(UUID tenantId, UUID userId) {
		return jdbc.sql("select " + COLUMNS + " from app_user where tenant_id = ? and id = ?")
			.params(tenantId, userId)
			.query((rs, n) -> map(rs))
			.optional();
	}

	/** The users among {@code userIds} that still exist, in any tenant (ids are unique across tenants). */
	public List<Agent> findAll(Collection<UUID> userIds) {
		if (userIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from app_user where id = any(?)")
			.param(userIds.toArray(UUID[]::new))
			.query((rs, n) -> map(rs))
			.list();
	}

	private static Agent map(ResultSet rs) throws SQLException {
		Array skills = rs.getArray("skills");
		return new Agent(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getString("display_name"), skills == null ? List.of() : Arrays.asList((String[]) skills.getArray()),
				rs.getInt("max_concurrent_chats"), rs.getBoolean("enabled"), rs.getBoolean("agent_role"));
	}
}

package io.parley.accounts;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other modules may ask about a tenant's agents. */
@Service
public class AgentDirectory {

	private final JdbcClient jdbc;

	AgentDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether at least one enabled user with the AGENT role has {@code skill}. */
	public boolean anyEnabledAgentWithSkill(UUID tenantId, String skill) {
		return jdbc.sql("select exists (select 1 from app_user where tenant_id = ? and enabled"
				+ " and 'AGENT' = any(roles) and ? = any(skills))")
			.params(tenantId, skill)
			.query(Boolean.class)
			.single();
	}
}

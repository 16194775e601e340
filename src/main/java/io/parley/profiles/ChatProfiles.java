package io.parley.profiles;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.node.ObjectNode;

/**
 * The chat profiles of all tenants; every query takes the tenant. The settings are one jsonb document, the profile's
 * JSON without what has a column of its own, read back through the same checks a new profile passes (so a setting
 * added since the row was written takes its default).
 */
@Repository
class ChatProfiles {

	/** Properties of the profile's JSON that are columns, not part of the settings document. */
	private static final List<String> OWN_COLUMNS = List.of("id", "name", "description", "interfaceVersion",
			"version", "createdAt", "createdBy", "updatedAt", "updatedBy");

	private static final String COLUMNS = "id, tenant_id, name, description, interface_version, settings,"
			+ " logo_asset_id, waiting_queue_logo_asset_id, waiting_queue_hero_asset_id, version, created_at,"
			+ " created_by, updated_at, updated_by";

	private final JdbcClient jdbc;

	ChatProfiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ChatProfile> find(UUID tenantId, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from chat_profile where tenant_id = ? and id = ?")
			.params(tenantId, id)
			.query((rs, n) -> map(rs))
			.optional();
	}

	/** Up to {@code limit} profiles whose name contains {@code q}, ordered by name ignoring case, after {@code afterName}. */
	List<ChatProfile> page(UUID tenantId, String q, String afterName, int limit) {
		return jdbc.sql("select " + COLUMNS + " from chat_profile where tenant_id = :tenant"
				+ " and (:q = '' or strpos(lower(name), lower(:q)) > 0)"
				+ " and (:after = '' or lower(name) > lower(:after))"
				+ " order by lower(name) limit :limit")
			.param("tenant", tenantId)
			.param("q", q == null ? "" : q)
			.param("after", afterName == null ? "" : afterName)
			.param("limit", limit)
			.query((rs, n) -> map(rs))
			.list();
	}

	boolean nameTaken(UUID tenantId, String name, UUID exceptId) {
		return jdbc.sql("select exists (select 1 from chat_profile where tenant_id = ? and lower(name) = lower(?)"
				+ " and id <> ?)")
			.params(tenantId, name, exceptId == null ? new UUID(0, 0) : exceptId)
			.query(Boolean.class)
			.single();
	}

	void insert(ChatProfile p) {
		jdbc.sql("insert into chat_profile (" + COLUMNS + ") values (:id, :tenant, :name, :description,"
				+ " :interfaceVersion, cast(:settings as jsonb), :logo, :queueLogo, :queueHero, :version, :createdAt,"
				+ " :createdBy, :updatedAt, :updatedBy)")
			.params(params(p))
			.update();
	}

	/** Writes the profile when its version is still {@code expectedVersion}; false when someone else wrote first. */
	boolean update(ChatProfile p, int expectedVersion) {
		Map<String, Object> params = params(p);
		params.put("expectedVersion", expectedVersion);
		return jdbc.sql("update chat_profile set name = :name, description = :description,"
				+ " interface_version = :interfaceVersion, settings = cast(:settings as jsonb), logo_asset_id = :logo,"
				+ " waiting_queue_logo_asset_id = :queueLogo, waiting_queue_hero_asset_id = :queueHero,"
				+ " version = :version, updated_at = :updatedAt, updated_by = :updatedBy"
				+ " where tenant_id = :tenant and id = :id and version = :expectedVersion")
			.params(params)
			.update() == 1;
	}

	boolean delete(UUID tenantId, UUID id, int expectedVersion) {
		return jdbc.sql("delete from chat_profile where tenant_id = ? and id = ? and version = ?")
			.params(tenantId, id, expectedVersion)
			.update() == 1;
	}

	private static Map<String, Object> params(ChatProfile p) {
		ObjectNode settings = ProfileJson.MAPPER.valueToTree(p);
		settings.remove(OWN_COLUMNS);
		WaitingQueue q = p.waitingQueue();
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("id", p.id());
		params.put("tenant", p.tenantId());
		params.put("name", p.name());
		params.put("description", p.description());
		params.put("interfaceVersion", p.interfaceVersion().name());
		params.put("settings", ProfileJson.MAPPER.writeValueAsString(settings));
		params.put("logo", p.logoAssetId());
		params.put("queueLogo", q == null ? null : q.logoAssetId());
		params.put("queueHero", q == null ? null : q.heroImageAssetId());
		params.put("version", p.version());
		params.put("createdAt", Timestamp.from(p.createdAt()));
		params.put("createdBy", p.createdBy());
		params.put("updatedAt", Timestamp.from(p.updatedAt()));
		params.put("updatedBy", p.updatedBy());
		return params;
	}

	static ChatProfile map(ResultSet rs) throws SQLException {
		ObjectNode settings = (ObjectNode) ProfileJson.MAPPER.readTree(rs.getString("settings"));
		settings.put("name", rs.getString("name"));
		settings.put("description", rs.getString("description"));
		settings.put("interfaceVersion", rs.getString("interface_version"));
		ChatProfileDraft draft = ProfileJson.MAPPER.treeToValue(settings, ChatProfileDraft.class);
		return ChatProfile.restore(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), draft,
				rs.getInt("version"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
	}
}

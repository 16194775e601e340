package io.parley.contactpoints;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The points of contact of all tenants; every query but the widget's lookup by id takes the tenant. */
@Repository
class PointsOfContact {

	private static final String COLUMNS = "id, tenant_id, name, description, skill, active, allowed_origins,"
			+ " chat_profile_id, version, created_at, created_by, updated_at, updated_by";
	private static final String ORDER = " order by lower(name), id";

	private final JdbcClient jdbc;

	PointsOfContact(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<PointOfContact> find(UUID tenantId, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from point_of_contact where tenant_id = ? and id = ?")
			.params(tenantId, id)
			.query((rs, n) -> map(rs))
			.optional();
	}

	/** For the public widget, which knows only the id. */
	Optional<PointOfContact> findInAnyTenant(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from point_of_contact where id = ?")
			.param(id)
			.query((rs, n) -> map(rs))
			.optional();
	}

	/**
	 * Up to {@code limit} points of contact whose name contains {@code q}, with chat profile {@code profileId} when it
	 * is given, ordered by name ignoring case and id, after the position ({@code afterName}, {@code afterId}).
	 */
	List<PointOfContact> page(UUID tenantId, String q, UUID profileId, String afterName, UUID afterId, int limit) {
		return jdbc.sql("select " + COLUMNS + " from point_of_contact where tenant_id = :tenant"
				+ " and (:q = '' or strpos(lower(name), lower(:q)) > 0)"
				+ " and (cast(:profile as uuid) is null or chat_profile_id = :profile)"
				+ " and (cast(:afterId as uuid) is null or (lower(name), id) > (lower(:afterName), :afterId))"
				+ ORDER + " limit :limit")
			.param("tenant", tenantId)
			.param("q", q == null ? "" : q)
			.param("profile", profileId)
			.param("afterName", afterName == null ? "" : afterName)
			.param("afterId", afterId)
			.param("limit", limit)
			.query((rs, n) -> map(rs))
			.list();
	}

	List<PointOfContact> assignedTo(UUID tenantId, UUID profileId) {
		return jdbc.sql("select " + COLUMNS + " from point_of_contact where tenant_id = ? and chat_profile_id = ?" + ORDER)
			.params(tenantId, profileId)
			.query((rs, n) -> map(rs))
			.list();
	}

	/** How many points of contact each of {@code profileIds} serves; a profile that serves none is absent. */
	Map<UUID, Integer> countByProfile(UUID tenantId, Collection<UUID> profileIds) {
		Map<UUID, Integer> counts = new HashMap<>();
		jdbc.sql("select chat_profile_id, count(*) from point_of_contact where tenant_id = ?"
				+ " and chat_profile_id = any(cast(? as uuid[])) group by chat_profile_id")
			.params(tenantId, profileIds.stream().map(UUID::toString).toArray(String[]::new))
			.query(rs -> {
				counts.put(rs.getObject(1, UUID.class), rs.getInt(2));
			});
		return counts;
	}

	/**
	 * The points of contact that have chat profile {@code profileId} or are among {@code ids} or (when
	 * {@code active}) are active, locked until the transaction ends, so that an assignment sees and changes one
	 * consistent set.
	 */
	List<PointOfContact> lockForAssignment(UUID tenantId, UUID profileId, Collection<UUID> ids, boolean active) {
		return jdbc.sql("select " + COLUMNS + " from point_of_contact where tenant_id = :tenant"
				+ " and (chat_profile_id = :profile or id = any(cast(:ids as uuid[])) or (:active and active))"
				+ ORDER + " for update")
			.param("tenant", tenantId)
			.param("profile", profileId)
			.param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
			.param("active", active)
			.query((rs, n) -> map(rs))
			.list();
	}

	/** Which of {@code ids} are points of contact of the tenant. */
	List<UUID> existing(UUID tenantId, Collection<UUID> ids) {
		return jdbc.sql("select id from point_of_contact where tenant_id = ? and id = any(cast(? as uuid[]))")
			.params(tenantId, ids.stream().map(UUID::toString).toArray(String[]::new))
			.query(UUID.class)
			.list();
	}

	void insert(PointOfContact p) {
		jdbc.sql("insert into point_of_contact (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?)")
			.params(p.id(), p.tenantId(), p.name(), p.description(), p.skill(), p.active(), origins(p),
					p.chatProfileId(), p.version(), Timestamp.from(p.createdAt()), p.createdBy(),
					Timestamp.from(p.updatedAt()), p.updatedBy())
			.update();
	}

	/** Writes the point of contact when its version is still {@code expectedVersion}; false when someone else wrote first. */
	boolean update(PointOfContact p, int expectedVersion) {
		return jdbc.sql("update point_of_contact set name = ?, description = ?, skill = ?, active = ?,"
				+ " allowed_origins = ?, chat_profile_id = ?, version = ?, updated_at = ?, updated_by = ?"
				+ " where tenant_id = ? and id = ? and version = ?")
			.params(p.name(), p.description(), p.skill(), p.active(), origins(p), p.chatProfileId(), p.version(),
					Timestamp.from(p.updatedAt()), p.updatedBy(), p.tenantId(), p.id(), expectedVersion)
			.update() == 1;
	}

	boolean delete(UUID tenantId, UUID id, int expectedVersion) {
		return jdbc.sql("delete from point_of_contact where tenant_id = ? and id = ? and version = ?")
			.params(tenantId, id, expectedVersion)
			.update() == 1;
	}

	private static String[] origins(PointOfContact p) {
		return p.allowedOrigins().stream().map(Origin::value).toArray(String[]::new);
	}

	private static PointOfContact map(ResultSet rs) throws SQLException {
		Array origins = rs.getArray("allowed_origins");
		List<Origin> allowed = origins == null ? List.of()
				: Arrays.stream((String[]) origins.getArray()).map(Origin::new).toList();
		return new PointOfContact(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getString("name"), rs.getString("description"), rs.getString("skill"), rs.getBoolean("active"),
				allowed, rs.getObject("chat_profile_id", UUID.class), rs.getInt("version"),
				rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
	}
}

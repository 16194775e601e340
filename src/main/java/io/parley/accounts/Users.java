package io.parley.accounts;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users of all tenants; every finder but the login lookup takes the tenant. */
@Repository
class Users {

	private static final String COLUMNS = "id, tenant_id, username, display_name, roles, skills, max_concurrent_chats, "
			+ "enabled, version, created_at, updated_at";

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean none() {
		return jdbc.sql("select not exists (select 1 from app_user)").query(Boolean.class).single();
	}

	Optional<ParleyUserDetails> loginByUsername(String username) {
		return jdbc.sql("select " + COLUMNS + ", password_hash from app_user where lower(username) = lower(?)")
			.param(username)
			.query((rs, n) -> new ParleyUserDetails(actor(map(rs)), rs.getString("password_hash"), rs.getBoolean("enabled")))
			.optional();
	}

	Optional<ParleyUserDetails> loginById(UUID id) {
		return jdbc.sql("select " + COLUMNS + ", password_hash from app_user where id = ?")
			.param(id)
			.query((rs, n) -> new ParleyUserDetails(actor(map(rs)), rs.getString("password_hash"), rs.getBoolean("enabled")))
			.optional();
	}

	Optional<User> find(UUID tenantId, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from app_user where tenant_id = ? and id = ?")
			.params(tenantId, id)
			.query((rs, n) -> map(rs))
			.optional();
	}

	List<User> page(UUID tenantId, String q, String afterUsername, int limit) {
		return jdbc.sql("select " + COLUMNS + " from app_user where tenant_id = :tenant"
				+ " and (:q = '' or strpos(lower(username), lower(:q)) > 0 or strpos(lower(display_name), lower(:q)) > 0)"
				+ " and lower(username) > lower(:after) order by lower(username) limit :limit")
			.param("tenant", tenantId)
			.param("q", q == null ? "" : q)
			.param("after", afterUsername == null ? "" : afterUsername)
			.param("limit", limit)
			.query((rs, n) -> map(rs))
			.list();
	}

	boolean usernameTaken(String username, UUID exceptId) {
		return jdbc.sql("select exists (select 1 from app_user where lower(username) = lower(?) and id <> ?)")
			.params(username, exceptId == null ? new UUID(0, 0) : exceptId)
			.query(Boolean.class)
			.single();
	}

	long countEnabledAdmins(UUID tenantId) {
		return jdbc.sql("select count(*) from app_user where tenant_id = ? and enabled and 'ADMIN' = any(roles)")
			.param(tenantId)
			.query(Long.class)
			.single();
	}

	void insert(User user, String passwordHash) {
		jdbc.sql("insert into app_user (id, tenant_id, username, display_name, password_hash, roles, skills,"
				+ " max_concurrent_chats, enabled, version, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?)")
			.params(user.id(), user.tenantId(), user.username(), user.displayName(), passwordHash,
					roleNames(user.roles()), user.skills().toArray(String[]::new), user.maxConcurrentChats(),
					user.enabled(), user.version(), ts(user.createdAt()), ts(user.updatedAt()))
			.update();
	}

	/** Writes the user when its version is still {@code expectedVersion}; false when someone else wrote first. */
	boolean update(User user, int expectedVersion) {
		return jdbc.sql("update app_user set username = ?, display_name = ?, roles = ?, skills = ?,"
				+ " max_concurrent_chats = ?, enabled = ?, version = ?, updated_at = ?"
				+ " where tenant_id = ? and id = ? and version = ?")
			.params(user.username(), user.displayName(), roleNames(user.roles()), user.skills().toArray(String[]::new),
					user.maxConcurrentChats(), user.enabled(), user.version(), ts(user.updatedAt()), user.tenantId(),
					user.id(), expectedVersion)
			.update() == 1;
	}

	void updatePassword(UUID tenantId, UUID id, String passwordHash) {
		jdbc.sql("update app_user set password_hash = ?, updated_at = now() where tenant_id = ? and id = ?")
			.params(passwordHash, tenantId, id)
			.update();
	}

	boolean delete(UUID tenantId, UUID id) {
		return jdbc.sql("delete from app_user where tenant_id = ? and id = ?").params(tenantId, id).update() == 1;
	}

	static User map(ResultSet rs) throws SQLException {
		return new User(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("username"),
				rs.getString("display_name"), roles(rs.getArray("roles")), strings(rs.getArray("skills")),
				rs.getInt("max_concurrent_chats"), rs.getBoolean("enabled"), rs.getInt("version"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	static Actor actor(User user) {
		return new Actor(user.tenantId(), user.id(), user.username(), user.displayName(), user.roles());
	}

	private static Set<Role> roles(Array array) throws SQLException {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String name : strings(array)) {
			roles.add(Role.valueOf(name));
		}
		return roles;
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	private static String[] roleNames(Set<Role> roles) {
		return roles.stream().map(Role::name).sorted().toArray(String[]::new);
	}

	private static java.sql.Timestamp ts(Instant instant) {
		return java.sql.Timestamp.from(instant);
	}
}

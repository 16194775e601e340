package io.parley.accounts;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.parley.shared.Violations;

/** API tokens: only their SHA-256 is stored, the token itself is shown once. */
@Repository
public class ApiTokens {

	static final String PREFIX = "pat_";
	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	ApiTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static final int NAME_MAX = 100;

	public record ApiToken(UUID id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
	}

	public record NewToken(ApiToken token, String secret) {
	}

	/** A new token of {@code owner} named {@code name} (1 to 100 characters); its secret is shown once. */
	public NewToken create(Actor owner, String name) {
		Violations violations = new Violations();
		violations.text("name", name, 1, NAME_MAX);
		violations.throwIfAny();
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		jdbc.sql("insert into api_token (id, tenant_id, user_id, name, token_hash, created_at) values (?,?,?,?,?,?)")
			.params(id, owner.tenantId(), owner.userId(), name, sha256(secret), java.sql.Timestamp.from(now))
			.update();
		return new NewToken(new ApiToken(id, name, now, null, null), secret);
	}

	public List<ApiToken> ofUser(Actor owner) {
		return jdbc.sql("select id, name, created_at, last_used_at, revoked_at from api_token"
				+ " where tenant_id = ? and user_id = ? order by created_at desc")
			.params(owner.tenantId(), owner.userId())
			.query((rs, n) -> new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at")),
					instant(rs.getTimestamp("revoked_at"))))
			.list();
	}

	public boolean revoke(Actor owner, UUID id) {
		return jdbc.sql("update api_token set revoked_at = coalesce(revoked_at, now())"
				+ " where tenant_id = ? and user_id = ? and id = ?")
			.params(owner.tenantId(), owner.userId(), id)
			.update() == 1;
	}

	/**
	 * The user of a valid, unrevoked token, marking it used. "Last used" is kept to the minute: a client calling many
	 * times a second reads the token without writing it each time.
	 */
	Optional<UUID> userOf(String secret) {
		if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
			return Optional.empty();
		}
		byte[] hash = sha256(secret);
		Optional<UsedToken> token = jdbc.sql("select user_id, last_used_at > now() - interval '1 minute' as recent"
				+ " from api_token where token_hash = ? and revoked_at is null")
			.param(hash)
			.query((rs, n) -> new UsedToken(rs.getObject("user_id", UUID.class), rs.getBoolean("recent")))
			.optional();
		if (token.isPresent() && !token.get().recent()) {
			jdbc.sql("update api_token set last_used_at = now() where token_hash = ?").param(hash).update();
		}
		return token.map(UsedToken::userId);
	}

	private record UsedToken(UUID userId, boolean recent) {
	}

	private static Instant instant(java.sql.Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}

	static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}

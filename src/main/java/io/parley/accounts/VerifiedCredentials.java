package io.parley.accounts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * HTTP Basic credentials verified lately, so that an API client sending its password with every request pays for
 * the password hash once a minute, not on every request. The cache key is an HMAC-SHA-256 of user name and password
 * under a random key made when the process starts: neither the password nor anything that could be checked against
 * guesses outside this process is kept. A user's entries are dropped when their access changes
 * ({@link UserAccessChanged}), on every node.
 */
class VerifiedCredentials {

	static final Duration REMEMBER_FOR = Duration.ofSeconds(60);
	static final int MAX_ENTRIES = 10_000;

	private final SecretKeySpec key;
	private final Cache<String, Verified> cache;
	/** Counts {@link #forget} calls, so that a check that raced one is not remembered. */
	private final AtomicLong forgotten = new AtomicLong();

	VerifiedCredentials(Duration rememberFor, int maxEntries) {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.cache = Caffeine.newBuilder().expireAfterWrite(rememberFor).maximumSize(maxEntries).build();
	}

	private record Verified(UUID userId, Object principal, Collection<? extends GrantedAuthority> authorities) {
	}

	/** A fresh authentication of the user these credentials were verified for lately, or null. */
	UsernamePasswordAuthenticationToken find(String username, String password) {
		Verified verified = cache.getIfPresent(key(username, password));
		return verified == null ? null
				: UsernamePasswordAuthenticationToken.authenticated(verified.principal(), null, verified.authorities());
	}

	/** What {@link #remember} needs: take it before reading the user, so that a change meanwhile is noticed. */
	long generation() {
		return forgotten.get();
	}

	/** Remembers credentials just verified, unless a user's access changed since {@code generation}. */
	void remember(String username, String password, Authentication verified, long generation) {
		if (!(verified.getPrincipal() instanceof ParleyUserDetails user)) {
			return;
		}
		String k = key(username, password);
		cache.put(k, new Verified(user.actor().userId(), user, verified.getAuthorities()));
		// Whether forget() ran before the put (seen here) or after it (it removed the entry), nothing stale stays.
		if (forgotten.get() != generation) {
			cache.invalidate(k);
		}
	}

	/** Drops every entry of the user. */
	void forget(UUID userId) {
		forgotten.incrementAndGet();
		cache.asMap().values().removeIf(v -> v.userId().equals(userId));
	}

	long size() {
		cache.cleanUp();
		return cache.estimatedSize();
	}

	private String key(String username, String password) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			byte[] name = username.getBytes(StandardCharsets.UTF_8);
			// The length first, so that no other split of the same bytes into name and password gives the same key.
			mac.update(ByteBuffer.allocate(4).putInt(name.length).array());
			mac.update(name);
			mac.update(password.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(mac.doFinal());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA-256 is missing from this Java runtime", e);
		}
	}
}

package io.parley.accounts;

import java.util.Optional;

/**
 * The one reading of {@code Authorization: Bearer <token>}, for API tokens and the customer's chat token alike: the
 * scheme in any case, then the token without surrounding spaces.
 */
public final class BearerToken {

	private static final String SCHEME = "Bearer ";

	private BearerToken() {
	}

	/** Whether the header names the Bearer scheme, whatever follows it (even nothing). */
	public static boolean isBearer(String authorization) {
		return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
	}

	/** The token; empty when the header is absent, of another scheme, or carries no token. */
	public static Optional<String> of(String authorization) {
		if (!isBearer(authorization)) {
			return Optional.empty();
		}
		String token = authorization.substring(SCHEME.length()).trim();
		return token.isEmpty() ? Optional.empty() : Optional.of(token);
	}
}

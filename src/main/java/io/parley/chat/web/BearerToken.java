package io.parley.chat.web;

import java.util.Optional;

/**
 * The one reading of {@code Authorization: Bearer <token>} for the customer's chat endpoints and stream: the scheme
 * in any case, then the token without surrounding spaces; empty when the header is absent, of another scheme, or
 * carries no token.
 */
final class BearerToken {

	private static final String SCHEME = "Bearer ";

	private BearerToken() {
	}

	static Optional<String> of(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return Optional.empty();
		}
		String token = authorization.substring(SCHEME.length()).trim();
		return token.isBlank() ? Optional.empty() : Optional.of(token);
	}
}

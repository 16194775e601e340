package io.parley.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a user name and password (the console's login form, HTTP Basic) through the {@link LoginThrottle}: refused
 * unchecked while the user name or the client address must wait, counted and logged when wrong. With
 * {@link VerifiedCredentials} (HTTP Basic), credentials verified lately are taken without hashing the password again.
 * Only wrong credentials count: when the user could not be read (the database is down, say), the exception passes
 * through uncounted.
 */
class PasswordCheck implements AuthenticationManager {

	private static final Logger log = LoggerFactory.getLogger(PasswordCheck.class);

	private final AuthenticationManager passwords;
	private final LoginThrottle throttle;
	private final VerifiedCredentials verified;
	private final String channel;

	/**
	 * @param passwords the plain check of the password against its hash
	 * @param verified where verified credentials are remembered, or null to hash every time
	 * @param channel how the log names where the attempt came in ("API", "console")
	 */
	PasswordCheck(AuthenticationManager passwords, LoginThrottle throttle, VerifiedCredentials verified, String channel) {
		this.passwords = passwords;
		this.throttle = throttle;
		this.verified = verified;
		this.channel = channel;
	}

	@Override
	public Authentication authenticate(Authentication request) throws AuthenticationException {
		if (!(request instanceof UsernamePasswordAuthenticationToken) || request.getCredentials() == null) {
			return passwords.authenticate(request);
		}
		String username = request.getName();
		String password = request.getCredentials().toString();
		String address = request.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
		if (verified != null) {
			throttle.check(username, address);
			Authentication known = known(username, password, request);
			if (known != null) {
				throttle.forgive(username, address);
				return known;
			}
		}
		long generation = verified == null ? 0 : verified.generation();
		try (LoginThrottle.Attempt attempt = throttle.begin(username, address)) {
			// Another request with the same credentials may have verified them while this one waited its turn.
			Authentication known = verified == null ? null : known(username, password, request);
			if (known != null) {
				attempt.succeeded();
				return known;
			}
			Authentication result;
			try {
				result = passwords.authenticate(request);
			}
			catch (BadCredentialsException | AccountStatusException e) {
				LoginThrottle.Failure failure = attempt.failed();
				log.warn("Failed login for user name '{}' from {} ({}){}", printable(username), address, channel,
						failure.nextWait().isZero() ? ""
								: "; " + failure.inARow() + " in a row, the next attempt waits "
										+ failure.nextWait().toSeconds() + " s");
				throw e;
			}
			attempt.succeeded();
			if (verified != null) {
				verified.remember(username, password, result, generation);
			}
			return result;
		}
	}

	private Authentication known(String username, String password, Authentication request) {
		UsernamePasswordAuthenticationToken known = verified.find(username, password);
		if (known != null) {
			known.setDetails(request.getDetails());
		}
		return known;
	}

	/** A user name as it may go into a log line: control characters replaced, length bounded. */
	static String printable(String username) {
		StringBuilder out = new StringBuilder();
		username.codePoints().limit(64).forEach(c -> out.appendCodePoint(Character.isISOControl(c)
				|| Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
				|| Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? '?' : c));
		return username.codePointCount(0, username.length()) > 64 ? out + "…" : out.toString();
	}
}

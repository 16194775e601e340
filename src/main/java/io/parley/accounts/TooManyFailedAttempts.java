package io.parley.accounts;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * Credentials refused without being checked, because too many wrong ones came for the same user name from the same
 * client address, or from that address altogether; {@link #retryAfterSeconds()} says when to try again.
 */
class TooManyFailedAttempts extends AuthenticationException {

	private final Duration retryAfter;

	TooManyFailedAttempts(Duration retryAfter) {
		super("Too many failed attempts");
		this.retryAfter = retryAfter;
	}

	/** Whole seconds to wait, at least one. */
	long retryAfterSeconds() {
		long seconds = retryAfter.toSeconds();
		return Math.max(1, retryAfter.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1);
	}

	/** The wait in words: "1 second", "8 seconds", "5 minutes". */
	String retryAfterInWords() {
		long seconds = retryAfterSeconds();
		if (seconds < 120) {
			return seconds + (seconds == 1 ? " second" : " seconds");
		}
		return (seconds + 59) / 60 + " minutes";
	}
}

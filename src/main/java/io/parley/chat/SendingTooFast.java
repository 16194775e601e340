package io.parley.chat;

import java.time.Duration;

/**
 * A customer sent messages or typing events faster than their chat's or their address's limit allows; nothing was
 * stored, and the same send is welcome again after {@link #retryAfter()}.
 */
public class SendingTooFast extends RuntimeException {

	/** What was sent too fast. */
	public enum Kind {
		MESSAGES, TYPING
	}

	private final Kind kind;
	private final Duration retryAfter;

	public SendingTooFast(Kind kind, Duration retryAfter) {
		super(kind.name().toLowerCase() + " sent too fast; retry after " + retryAfter.toMillis() + " ms");
		this.kind = kind;
		this.retryAfter = retryAfter;
	}

	public Kind kind() {
		return kind;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}

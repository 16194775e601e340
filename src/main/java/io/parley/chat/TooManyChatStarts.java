package io.parley.chat;

import java.time.Duration;

/** A client address started too many chats at one point of contact; it may try again after {@link #retryAfter()}. */
public class TooManyChatStarts extends RuntimeException {

	private final Duration retryAfter;

	public TooManyChatStarts(Duration retryAfter) {
		super("Too many chats started; retry after " + retryAfter.toSeconds() + " s");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}

package io.parley.chat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Chat settings. {@code abandonAfter}: a chat whose customer has had no WebSocket open and made no request for this
 * long is ended by the system (a plain number is seconds). {@code agentFeedRetention}: how long agents' feeds keep an
 * event, so that a client resumes from a cursor up to that old; chats and their transcripts are kept regardless.
 * {@code agentFeedPruneInterval}: how often events past that retention are deleted.
 */
@ConfigurationProperties("parley.chat")
record ChatProperties(@DefaultValue("120") @DurationUnit(ChronoUnit.SECONDS) Duration abandonAfter,
		@DefaultValue("24h") Duration agentFeedRetention, @DefaultValue("5m") Duration agentFeedPruneInterval) {

	/** How often open WebSockets and waiting long polls renew their customer's "last seen": well within the limit. */
	Duration presenceInterval() {
		return clamp(abandonAfter.dividedBy(3), Duration.ofMillis(200), Duration.ofSeconds(30));
	}

	/** How often abandoned chats are looked for. */
	Duration abandonCheckInterval() {
		return clamp(abandonAfter.dividedBy(4), Duration.ofMillis(200), Duration.ofSeconds(10));
	}

	private static Duration clamp(Duration value, Duration min, Duration max) {
		return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
	}
}

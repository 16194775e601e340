package io.parley.chat;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many chats one client address may start at one point of contact: a token bucket per (address, point of
 * contact) in PostgreSQL, holding {@code parley.widget.chat-starts-per-minute} starts and refilling at that rate, so
 * every node counts the same starts. Zero or less turns the limit off.
 */
@Component
class ChatStartLimit {

	private final JdbcClient jdbc;
	private final int perMinute;

	ChatStartLimit(JdbcClient jdbc, @Value("${parley.widget.chat-starts-per-minute:20}") int perMinute) {
		this.jdbc = jdbc;
		this.perMinute = perMinute;
	}

	/** Takes one start from the bucket; empty when allowed, else how long until the next start is allowed. */
	Optional<Duration> take(String clientAddress, UUID pointOfContactId) {
		if (perMinute <= 0) {
			return Optional.empty();
		}
		double perSecond = perMinute / 60.0;
		// refilled = tokens now, after refilling since the last start; a start takes one whole token.
		String refilled = "least(:capacity, chat_start_allowance.tokens"
				+ " + extract(epoch from (clock_timestamp() - chat_start_allowance.updated_at)) * :rate)";
		Bucket bucket = jdbc.sql("insert into chat_start_allowance (client_address, point_of_contact_id, tokens, allowed,"
				+ " updated_at) values (:address, :poc, :capacity - 1, true, clock_timestamp())"
				+ " on conflict (client_address, point_of_contact_id) do update set"
				+ " allowed = " + refilled + " >= 1,"
				+ " tokens = case when " + refilled + " >= 1 then " + refilled + " - 1 else " + refilled + " end,"
				+ " updated_at = clock_timestamp()"
				+ " returning tokens, allowed")
			.param("address", clientAddress)
			.param("poc", pointOfContactId)
			.param("capacity", (double) perMinute)
			.param("rate", perSecond)
			.query((rs, n) -> new Bucket(rs.getDouble("tokens"), rs.getBoolean("allowed")))
			.single();
		if (bucket.allowed()) {
			return Optional.empty();
		}
		double seconds = Math.ceil((1 - bucket.tokens()) / perSecond);
		return Optional.of(Duration.ofSeconds(Math.max(1, (long) seconds)));
	}

	/** Drops buckets that are full again: nobody started a chat through them for a while. */
	void forgetFullBuckets() {
		jdbc.sql("delete from chat_start_allowance where updated_at < now() - interval '2 minutes'").update();
	}

	private record Bucket(double tokens, boolean allowed) {
	}
}

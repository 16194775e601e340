package io.parley.chat;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * How fast a customer may send messages and typing events: token buckets per chat and per client address, so that
 * one customer cannot flood an agent, and several chats behind one office's address still work (its limit is
 * looser). A bucket holds a burst of its count and refills at its rate; a fast typist never empties a chat's. Agents
 * are not limited here.
 * <p>
 * The buckets are counted per node, in memory (a Caffeine cache whose buckets are dropped once full again, at most
 * {@link #BUCKETS_MAX} a kind): behind a load balancer a customer may get up to once the limit from each node. Zero
 * or less turns a limit off.
 */
@Component
class CustomerSendLimits {

	/** The most buckets one limit keeps; beyond that the least recently used is dropped (as if full). */
	static final long BUCKETS_MAX = 200_000;

	private final Limit messagesPerChat;
	private final Limit messagesPerAddress;
	private final Limit typingPerChat;
	private final Limit typingPerAddress;

	CustomerSendLimits(@Value("${parley.chat.limits.messages-per-10s:10}") int messagesPerChat,
			@Value("${parley.chat.limits.client-messages-per-10s:100}") int messagesPerAddress,
			@Value("${parley.chat.limits.typing-per-second:2}") int typingPerChat,
			@Value("${parley.chat.limits.client-typing-per-second:20}") int typingPerAddress) {
		this.messagesPerChat = Limit.of(messagesPerChat, Duration.ofSeconds(10));
		this.messagesPerAddress = Limit.of(messagesPerAddress, Duration.ofSeconds(10));
		this.typingPerChat = Limit.of(typingPerChat, Duration.ofSeconds(1));
		this.typingPerAddress = Limit.of(typingPerAddress, Duration.ofSeconds(1));
	}

	/** Takes one message from the chat's and the address's buckets; empty when allowed, else how long to wait. */
	Optional<Duration> takeMessage(UUID chatId, String clientAddress) {
		return take(messagesPerChat, chatId, messagesPerAddress, clientAddress);
	}

	/** Takes one typing event from the chat's and the address's buckets; empty when allowed, else the wait. */
	Optional<Duration> takeTyping(UUID chatId, String clientAddress) {
		return take(typingPerChat, chatId, typingPerAddress, clientAddress);
	}

	/** Both or neither: a send refused by the address's bucket gives the chat's token back. */
	private static Optional<Duration> take(Limit perChat, UUID chatId, Limit perAddress, String clientAddress) {
		Optional<Duration> chatWait = perChat.take(chatId.toString());
		if (chatWait.isPresent()) {
			return chatWait;
		}
		Optional<Duration> addressWait = perAddress.take(clientAddress);
		if (addressWait.isPresent()) {
			perChat.giveBack(chatId.toString());
		}
		return addressWait;
	}

	/** One limit: a bucket per key, of {@code count} tokens refilled over {@code period}; null buckets when off. */
	private record Limit(int count, Duration period, Cache<String, Bucket> buckets) {

		static Limit of(int count, Duration period) {
			// A bucket untouched for its period is full again: dropping it then forgets nothing.
			return new Limit(count, period, count <= 0 ? null
					: Caffeine.newBuilder().expireAfterAccess(period).maximumSize(BUCKETS_MAX).build());
		}

		Optional<Duration> take(String key) {
			if (buckets == null) {
				return Optional.empty();
			}
			ConsumptionProbe probe = buckets.get(key, k -> Bucket.builder()
				.addLimit(Bandwidth.builder().capacity(count).refillGreedy(count, period).build())
				.build()).tryConsumeAndReturnRemaining(1);
			return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}

		void giveBack(String key) {
			Bucket bucket = buckets == null ? null : buckets.getIfPresent(key);
			if (bucket != null) {
				bucket.addTokens(1);
			}
		}
	}
}

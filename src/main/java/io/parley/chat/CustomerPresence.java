package io.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Whether customers are still there, and the end of chats whose customer left. Every customer request renews the
 * chat's "last seen" in the database; open WebSockets and waiting long polls of this node renew theirs in one
 * statement every few seconds (every node for its own connections). A scheduled check, on one node at a time, ends by
 * SYSTEM the open chats not seen for {@code parley.chat.abandon-after}.
 */
@Component
class CustomerPresence {

	private static final Logger log = LoggerFactory.getLogger(CustomerPresence.class);
	private static final int ABANDONED_PER_CHECK = 100;

	private final Chats chats;
	private final ChatEnding ending;
	private final ChatStartLimit startLimit;
	private final ChatProperties properties;
	private final TransactionTemplate transaction;
	private final Map<UUID, AtomicInteger> connected = new ConcurrentHashMap<>();

	CustomerPresence(Chats chats, ChatEnding ending, ChatStartLimit startLimit, ChatProperties properties, PlatformTransactionManager transactions) {
		this.chats = chats;
		this.ending = ending;
		this.startLimit = startLimit;
		this.properties = properties;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** The customer made a request now. */
	void seen(UUID chatId) {
		chats.touchCustomers(List.of(chatId), Chat.now());
	}

	/** A WebSocket or long poll of the customer opened on this node; seen until {@link #disconnected}. */
	void connected(UUID chatId) {
		connected.computeIfAbsent(chatId, id -> new AtomicInteger()).incrementAndGet();
		seen(chatId);
	}

	void disconnected(UUID chatId) {
		connected.computeIfPresent(chatId, (id, count) -> count.decrementAndGet() <= 0 ? null : count);
		seen(chatId);
	}

	/** Every node renews the customers connected to it: nobody else knows them. */
	@Scheduled(initialDelayString = "#{@chatSchedule.presenceMillis()}",
			fixedDelayString = "#{@chatSchedule.presenceMillis()}")
	void renewConnected() {
		try {
			chats.touchCustomers(List.copyOf(connected.keySet()), Chat.now());
		}
		catch (RuntimeException e) {
			log.warn("Could not renew the presence of connected customers", e);
		}
	}

	/**
	 * One node at a time looks for abandoned chats, in the database that all share (ending is idempotent and locked,
	 * so two nodes checking at once would do no harm, only the same work twice). A customer connected to another node
	 * is renewed by that node well within the limit, and each chat is checked again under its lock before it ends.
	 */
	@Scheduled(initialDelayString = "#{@chatSchedule.abandonCheckMillis()}",
			fixedDelayString = "#{@chatSchedule.abandonCheckMillis()}")
	@SchedulerLock(name = "chat.abandoned-chats", lockAtMostFor = "PT2M")
	void endAbandoned() {
		try {
			Instant cutoff = Chat.now().minus(properties.abandonAfter());
			for (UUID chatId : chats.customerGoneSince(cutoff, ABANDONED_PER_CHECK)) {
				if (connected.containsKey(chatId)) {
					continue; // renewed on the next beat
				}
				try {
					// Checked again before routing lets go: the customer may have come back a moment ago.
					transaction.executeWithoutResult(status -> {
						if (chats.customerGoneSince(chatId, cutoff)) {
							ending.end(chatId, Party.SYSTEM);
						}
					});
				}
				catch (RuntimeException e) {
					log.warn("Could not end abandoned chat {}; trying again shortly", chatId, e);
				}
			}
			startLimit.forgetFullBuckets();
		}
		catch (RuntimeException e) {
			log.warn("Could not end abandoned chats; trying again shortly", e);
		}
	}
}

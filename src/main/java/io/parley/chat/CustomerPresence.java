package io.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether customers are still there, and the end of chats whose customer left. Every customer request renews the
 * chat's "last seen" in the database; open WebSockets and waiting long polls of this node renew theirs in one
 * statement every few seconds. A scheduled check on every node ends, by SYSTEM, the open chats not seen for
 * {@code parley.chat.abandon-after}; ending is idempotent and locked, so two nodes checking at once do no harm.
 */
@Component
class CustomerPresence implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CustomerPresence.class);
	private static final int ABANDONED_PER_CHECK = 100;

	private final Chats chats;
	private final ChatEnding ending;
	private final ChatStartLimit startLimit;
	private final ChatProperties properties;
	private final TransactionTemplate transaction;
	private final Map<UUID, AtomicInteger> connected = new ConcurrentHashMap<>();
	private volatile ScheduledExecutorService scheduler;

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

	void renewConnected() {
		try {
			chats.touchCustomers(List.copyOf(connected.keySet()), Chat.now());
		}
		catch (RuntimeException e) {
			log.warn("Could not renew the presence of connected customers", e);
		}
	}

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

	@Override
	public void start() {
		scheduler = Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("parley-customer-presence")
			.daemon().factory());
		long renew = properties.presenceInterval().toMillis();
		long check = properties.abandonCheckInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::renewConnected, renew, renew, TimeUnit.MILLISECONDS);
		scheduler.scheduleWithFixedDelay(this::endAbandoned, check, check, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService current = scheduler;
		if (current != null) {
			// Periodic runs are cancelled; one under way finishes while the database is still there.
			current.shutdown();
			try {
				current.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}
}

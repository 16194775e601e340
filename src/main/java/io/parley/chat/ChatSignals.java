package io.parley.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.parley.cluster.ClusterBus;
import io.parley.cluster.ClusterBus.Subscription;

/**
 * Wakes whoever waits for a chat's or an agent's events on this node. After a transaction that wrote events commits,
 * a notification "chat X has events up to seq N" goes through the {@link ClusterBus} to every node; each node keeps
 * one subscription per channel and tells its local listeners (long polls, WebSocket sessions), which then read from
 * the database. Nothing a node keeps here is needed by another node.
 */
@Component
public class ChatSignals {

	static final String CHAT_CHANNEL = "parley.chat-events";
	static final String AGENT_CHANNEL = "parley.agent-events";

	private final ClusterBus bus;
	private final Map<UUID, Set<LongConsumer>> chatListeners = new ConcurrentHashMap<>();
	private final Map<UUID, Set<LongConsumer>> agentListeners = new ConcurrentHashMap<>();

	ChatSignals(ClusterBus bus) {
		this.bus = bus;
		bus.subscribe(CHAT_CHANNEL, message -> deliver(chatListeners, message));
		bus.subscribe(AGENT_CHANNEL, message -> deliver(agentListeners, message));
	}

	/** Calls {@code listener} with the last seq whenever chat {@code chatId} has new events, until closed. */
	public Subscription onChat(UUID chatId, LongConsumer listener) {
		return listen(chatListeners, chatId, listener);
	}

	/** Calls {@code listener} with the last cursor whenever agent {@code agentId}'s feed grows, until closed. */
	public Subscription onAgent(UUID agentId, LongConsumer listener) {
		return listen(agentListeners, agentId, listener);
	}

	void chatAppended(UUID chatId, long seq) {
		afterCommit(CHAT_CHANNEL, chatId + " " + seq);
	}

	void agentAppended(UUID agentId, long cursor) {
		afterCommit(AGENT_CHANNEL, agentId + " " + cursor);
	}

	/**
	 * A long poll: what {@code read} finds at once, or else, waiting up to {@code wait} without holding a database
	 * connection, what it finds after the first notification beyond {@code after}; an empty list when nothing came.
	 */
	<T> List<T> await(Map<UUID, Set<LongConsumer>> listeners, UUID id, long after, Duration wait,
			Supplier<List<T>> read) {
		Waiter waiter = new Waiter();
		try (Subscription subscription = listen(listeners, id, position -> {
			if (position > after) {
				waiter.signal();
			}
		})) {
			List<T> found = read.get();
			long deadline = System.nanoTime() + wait.toNanos();
			while (found.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || !waiter.await(left)) {
					break;
				}
				found = read.get();
			}
			return found;
		}
	}

	<T> List<T> awaitChat(UUID chatId, long after, Duration wait, Supplier<List<T>> read) {
		return await(chatListeners, chatId, after, wait, read);
	}

	<T> List<T> awaitAgent(UUID agentId, long after, Duration wait, Supplier<List<T>> read) {
		return await(agentListeners, agentId, after, wait, read);
	}

	private Subscription listen(Map<UUID, Set<LongConsumer>> listeners, UUID id, LongConsumer listener) {
		LongConsumer entry = listener::accept;
		listeners.computeIfAbsent(id, key -> new CopyOnWriteArraySet<>()).add(entry);
		return () -> listeners.computeIfPresent(id, (key, set) -> {
			set.remove(entry);
			return set.isEmpty() ? null : set;
		});
	}

	private void afterCommit(String channel, String message) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			bus.publish(channel, message);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				bus.publish(channel, message);
			}
		});
	}

	private static void deliver(Map<UUID, Set<LongConsumer>> listeners, String message) {
		int space = message.indexOf(' ');
		if (space < 0) {
			return;
		}
		UUID id;
		long position;
		try {
			id = UUID.fromString(message.substring(0, space));
			position = Long.parseLong(message.substring(space + 1));
		}
		catch (IllegalArgumentException e) {
			return;
		}
		Set<LongConsumer> set = listeners.get(id);
		if (set != null) {
			set.forEach(listener -> listener.accept(position));
		}
	}

	/** A flag one thread waits on and others raise; raising it before the wait is not lost. */
	private static final class Waiter {

		private final ReentrantLock lock = new ReentrantLock();
		private final Condition raised = lock.newCondition();
		private boolean signalled;

		void signal() {
			lock.lock();
			try {
				signalled = true;
				raised.signalAll();
			}
			finally {
				lock.unlock();
			}
		}

		/** Waits until raised or {@code nanos} passed; true when raised (and lowers it again). */
		boolean await(long nanos) {
			lock.lock();
			try {
				long left = nanos;
				while (!signalled && left > 0) {
					left = raised.awaitNanos(left);
				}
				boolean result = signalled;
				signalled = false;
				return result;
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
			finally {
				lock.unlock();
			}
		}
	}
}

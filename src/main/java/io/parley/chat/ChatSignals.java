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
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.parley.cluster.ClusterBus;
import io.parley.cluster.ClusterBus.Subscription;

/**
 * Wakes whoever waits for a chat's or an agent's events on this node. After a transaction that wrote an event
 * commits, a notification "chat X has event N, which reads {...}" goes through the {@link ClusterBus} to every node;
 * each node keeps one subscription per channel and tells its local listeners (long polls, WebSocket sessions). A
 * WebSocket sends the event it was handed when it is the next one it owes, and otherwise reads from the database what
 * it missed; a long poll reads from the database. The event in a notification is a copy of what was committed, never
 * the only one: nothing a node keeps here is needed by another node.
 */
@Component
public class ChatSignals {

	static final String CHAT_CHANNEL = "parley.chat-events";
	static final String AGENT_CHANNEL = "parley.agent-events";

	private final ClusterBus bus;
	private final Map<UUID, Set<Listener>> chatListeners = new ConcurrentHashMap<>();
	private final Map<UUID, Set<Listener>> agentListeners = new ConcurrentHashMap<>();

	/** Told of each event committed to a log: its position, and the event as clients get it (null if unknown). */
	@FunctionalInterface
	public interface Listener {

		void appended(long position, String json);
	}

	ChatSignals(ClusterBus bus) {
		this.bus = bus;
		bus.subscribe(CHAT_CHANNEL, message -> deliver(chatListeners, message));
		bus.subscribe(AGENT_CHANNEL, message -> deliver(agentListeners, message));
	}

	/** Calls {@code listener} with each event of chat {@code chatId} once committed (seq and JSON), until closed. */
	public Subscription onChat(UUID chatId, Listener listener) {
		return listen(chatListeners, chatId, listener);
	}

	/** Calls {@code listener} with each event of agent {@code agentId}'s feed once committed, until closed. */
	public Subscription onAgent(UUID agentId, Listener listener) {
		return listen(agentListeners, agentId, listener);
	}

	/** An event written to chat {@code chatId}'s log, and its JSON as clients get it. */
	record ChatAppended(UUID chatId, ChatEvent.Logged event, String json) {
	}

	/** An event written to agent {@code agentId}'s feed, and its JSON as the agent gets it. */
	record FeedAppended(UUID agentId, FeedEvent event, String json) {
	}

	/**
	 * Passes a written event on to every node once its transaction committed (at once when written outside of one),
	 * so that nobody is told of an event that is not in the database.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(ChatAppended appended) {
		bus.publish(CHAT_CHANNEL, appended.chatId() + " " + appended.event().seq() + " " + appended.json());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(FeedAppended appended) {
		bus.publish(AGENT_CHANNEL, appended.agentId() + " " + appended.event().cursor() + " " + appended.json());
	}

	/**
	 * A long poll: what {@code read} finds at once, or else, waiting up to {@code wait} without holding a database
	 * connection, what it finds after the first notification beyond {@code after}; an empty list when nothing came.
	 */
	<T> List<T> await(Map<UUID, Set<Listener>> listeners, UUID id, long after, Duration wait,
			Supplier<List<T>> read) {
		Waiter waiter = new Waiter();
		try (Subscription subscription = listen(listeners, id, (position, json) -> {
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

	private Subscription listen(Map<UUID, Set<Listener>> listeners, UUID id, Listener listener) {
		Listener entry = listener::appended;
		listeners.computeIfAbsent(id, key -> new CopyOnWriteArraySet<>()).add(entry);
		return () -> listeners.computeIfPresent(id, (key, set) -> {
			set.remove(entry);
			return set.isEmpty() ? null : set;
		});
	}

	/** Hands "id position [json]" to the listeners of that id on this node. */
	private static void deliver(Map<UUID, Set<Listener>> listeners, String message) {
		int space = message.indexOf(' ');
		if (space < 0) {
			return;
		}
		int second = message.indexOf(' ', space + 1);
		UUID id;
		long position;
		try {
			id = UUID.fromString(message.substring(0, space));
			position = Long.parseLong(second < 0 ? message.substring(space + 1) : message.substring(space + 1, second));
		}
		catch (IllegalArgumentException e) {
			return;
		}
		Set<Listener> set = listeners.get(id);
		if (set != null) {
			String json = second < 0 ? null : message.substring(second + 1);
			set.forEach(listener -> listener.appended(position, json));
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

package io.parley.chat.web;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import io.parley.cluster.ClusterBus.Subscription;

/**
 * Pushes a log to one WebSocket, one event per text frame: first everything after the position the client gave,
 * then, whenever a notification says the log grew, what it finds in the database after the last position sent. Reads
 * for one socket never overlap (a wake-up during a read makes it read once more), so frames go out in order and
 * none twice.
 */
final class EventStream {

	private static final Logger log = LoggerFactory.getLogger(EventStream.class);
	private static final int IDLE = 0;
	private static final int RUNNING = 1;
	private static final int AGAIN = 2;

	/** One event to send and its position in the log. */
	record Item(long position, String json) {
	}

	private final WebSocketSession session;
	private final LongFunction<List<Item>> read;
	private final Executor executor;
	private final AtomicInteger state = new AtomicInteger(IDLE);
	private volatile long position;
	private volatile Subscription subscription;

	EventStream(WebSocketSession session, long after, LongFunction<List<Item>> read, Executor executor) {
		this.session = session;
		this.position = after;
		this.read = read;
		this.executor = executor;
	}

	/** Starts pushing: subscribes first, then reads, so nothing written in between is missed. */
	void start(Function<LongConsumer, Subscription> subscribe) {
		subscription = subscribe.apply(last -> {
			if (last > position) {
				wake();
			}
		});
		wake();
	}

	void wake() {
		while (true) {
			int current = state.get();
			if (current == IDLE) {
				if (state.compareAndSet(IDLE, RUNNING)) {
					executor.execute(this::drain);
					return;
				}
			}
			else if (current == RUNNING) {
				if (state.compareAndSet(RUNNING, AGAIN)) {
					return;
				}
			}
			else {
				return;
			}
		}
	}

	void close() {
		Subscription current = subscription;
		if (current != null) {
			current.close();
		}
	}

	private void drain() {
		while (true) {
			try {
				sendAll();
			}
			catch (IOException | RuntimeException e) {
				log.debug("Closing a stream that failed to send", e);
				closeSession();
				state.set(IDLE);
				return;
			}
			if (state.compareAndSet(RUNNING, IDLE)) {
				return;
			}
			state.set(RUNNING);
		}
	}

	private void sendAll() throws IOException {
		while (session.isOpen()) {
			List<Item> items = read.apply(position);
			if (items.isEmpty()) {
				return;
			}
			for (Item item : items) {
				session.sendMessage(new TextMessage(item.json()));
				position = item.position();
			}
		}
	}

	private void closeSession() {
		try {
			session.close(CloseStatus.SERVER_ERROR);
		}
		catch (IOException e) {
			log.debug("Closing a failed stream", e);
		}
	}
}

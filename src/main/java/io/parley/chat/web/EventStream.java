package io.parley.chat.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import io.parley.shared.CoalescedRun;
import io.parley.chat.ChatSignals;
import io.parley.cluster.ClusterBus.Subscription;

/**
 * Pushes a log to one WebSocket, one event per text frame: first everything after the position the client gave,
 * then each event a notification hands over once committed. When the event handed over is the next one the socket
 * owes, it goes out as it came; when something is missing before it (notifications of two commits may arrive in either
 * order, or a burst outgrew what is kept), the stream reads from the database everything after the last position
 * sent. Sends for one socket never overlap (a wake-up during a send makes it look once more), so frames go out in
 * order and none twice.
 */
final class EventStream {

	private static final Logger log = LoggerFactory.getLogger(EventStream.class);

	/** One event to send and its position in the log. */
	record Item(long position, String json) {
	}

	private final WebSocketSession session;
	private final LongFunction<List<Item>> read;
	private final CoalescedRun sending;
	/** At most this many events handed over wait for a slow socket; beyond that it reads from the database. */
	private static final int PENDING_MAX = 256;

	private final ConcurrentSkipListMap<Long, String> pending = new ConcurrentSkipListMap<>();
	/** Whether the database may hold events this socket owes that were not handed over: at first, and after a gap. */
	private final AtomicBoolean behind = new AtomicBoolean(true);
	private volatile long position;
	private volatile Subscription subscription;

	EventStream(WebSocketSession session, long after, LongFunction<List<Item>> read, Executor executor) {
		this.session = session;
		this.position = after;
		this.read = read;
		this.sending = new CoalescedRun(executor, this::send);
	}

	/** Starts pushing: subscribes first, then reads, so nothing written in between is missed. */
	void start(Function<ChatSignals.Listener, Subscription> subscribe) {
		subscription = subscribe.apply(this::appended);
		wake();
	}

	/** A notification: the log has the event at {@code at}, which reads {@code json} (null when not given). */
	void appended(long at, String json) {
		if (at <= position) {
			return;
		}
		if (json != null && pending.size() < PENDING_MAX) {
			pending.put(at, json);
		}
		else {
			behind.set(true);
		}
		wake();
	}

	/** Sends what the socket owes, in the background: a wake-up during a send makes it look once more. */
	void wake() {
		sending.request();
	}

	void close() {
		Subscription current = subscription;
		if (current != null) {
			current.close();
		}
	}

	private void send() {
		try {
			sendAll();
		}
		catch (IOException | RuntimeException e) {
			log.debug("Closing a stream that failed to send", e);
			closeSession();
		}
	}

	private void sendAll() throws IOException {
		while (session.isOpen()) {
			pending.headMap(position, true).clear();
			Map.Entry<Long, String> next = pending.firstEntry();
			if (next != null && next.getKey() == position + 1) {
				pending.remove(next.getKey());
				session.sendMessage(new TextMessage(next.getValue()));
				position = next.getKey();
				continue;
			}
			if (next == null && !behind.getAndSet(false)) {
				return;
			}
			behind.set(false);
			List<Item> items = read.apply(position);
			if (items.isEmpty()) {
				return; // anything handed over meanwhile woke the stream again: it looks once more
			}
			for (Item item : items) {
				session.sendMessage(new TextMessage(item.json()));
				position = item.position();
			}
			behind.set(true); // a read answers a batch at most: read on until one finds nothing
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

package io.parley.chat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import io.parley.chat.ChatSignals;

/**
 * The stream sends each event once and in order, whether it was handed over by a notification or read from the
 * database, and reads the database only when it may owe something it was not handed.
 */
class EventStreamTest {

	/** The committed log, as the database would answer it. */
	private final List<EventStream.Item> log = new CopyOnWriteArrayList<>();
	private final AtomicInteger reads = new AtomicInteger();
	private final List<String> sent = new CopyOnWriteArrayList<>();
	private ChatSignals.Listener listener;

	private EventStream stream(long after) {
		EventStream stream = new EventStream(session(sent), after, position -> {
			reads.incrementAndGet();
			return log.stream().filter(item -> item.position() > position).limit(3).toList();
		}, Runnable::run);
		stream.start(l -> {
			listener = l;
			return () -> {
			};
		});
		return stream;
	}

	private void commit(long position) {
		log.add(item(position));
	}

	private static EventStream.Item item(long position) {
		return new EventStream.Item(position, "{\"seq\":" + position + "}");
	}

	private static List<String> frames(long from, long to) {
		return LongStream.rangeClosed(from, to).mapToObj(p -> item(p).json()).toList();
	}

	@Test
	void startsWithWhatTheDatabaseHoldsAfterThePositionGiven() {
		LongStream.rangeClosed(1, 7).forEach(this::commit);
		stream(2);
		assertThat(sent).isEqualTo(frames(3, 7));
	}

	@Test
	void sendsTheNextEventAsHandedOverWithoutReading() {
		stream(0);
		int before = reads.get();
		for (long p = 1; p <= 5; p++) {
			commit(p);
			listener.appended(p, item(p).json());
		}
		assertThat(sent).isEqualTo(frames(1, 5));
		assertThat(reads.get()).isEqualTo(before);
	}

	@Test
	void notificationsInTheWrongOrderReadWhatIsMissingAndSendNothingTwice() {
		stream(0);
		commit(1);
		commit(2);
		listener.appended(2, item(2).json());
		listener.appended(1, item(1).json());
		commit(3);
		listener.appended(3, item(3).json());
		assertThat(sent).isEqualTo(frames(1, 3));
	}

	@Test
	void aNotificationWithoutTheEventReadsTheDatabase() {
		stream(0);
		commit(1);
		commit(2);
		listener.appended(2, null);
		assertThat(sent).isEqualTo(frames(1, 2));
	}

	@Test
	void aStaleNotificationSendsNothing() {
		LongStream.rangeClosed(1, 3).forEach(this::commit);
		stream(0);
		listener.appended(2, item(2).json());
		listener.appended(3, null);
		assertThat(sent).isEqualTo(frames(1, 3));
	}

	@Test
	void concurrentNotificationsInAnyOrderGiveEveryEventOnceInOrder() throws Exception {
		List<String> received = new CopyOnWriteArrayList<>();
		ExecutorService drains = Executors.newVirtualThreadPerTaskExecutor();
		ChatSignals.Listener[] holder = new ChatSignals.Listener[1];
		new EventStream(session(received), 0,
				position -> log.stream().filter(item -> item.position() > position).limit(50).toList(), drains)
			.start(l -> {
				holder[0] = l;
				return () -> {
				};
			});
		int events = 2000;
		ExecutorService notifiers = Executors.newFixedThreadPool(4);
		CountDownLatch done = new CountDownLatch(events);
		for (long p = 1; p <= events; p++) {
			commit(p);
			long position = p;
			// Every other notification carries no event; all of them come on four threads in no particular order.
			notifiers.execute(() -> {
				holder[0].appended(position, position % 2 == 0 ? item(position).json() : null);
				done.countDown();
			});
		}
		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		notifiers.shutdown();
		for (int i = 0; i < 300 && received.size() < events; i++) {
			Thread.sleep(100);
		}
		drains.shutdown();
		assertThat(new ArrayList<>(received)).isEqualTo(frames(1, events));
	}

	private static WebSocketSession session(List<String> sent) {
		return (WebSocketSession) Proxy.newProxyInstance(EventStreamTest.class.getClassLoader(),
				new Class<?>[] { WebSocketSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "sendMessage" -> {
						sent.add(((TextMessage) args[0]).getPayload());
						yield null;
					}
					case "isOpen" -> true;
					case "getId" -> "test";
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					case "toString" -> "test session";
					default -> null;
				});
	}
}

package io.parley.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs the assignments of a queue after something changed it, in the background and coalesced: requests for a
 * queue whose run is under way only make it run once more, so a burst of new chats or freed agents costs a few runs,
 * not one per change. A run assigns until no chat or no agent is free, then tells the queue changed.
 */
@Component
class AssignmentRuns implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AssignmentRuns.class);
	private static final int IDLE = 0;
	private static final int RUNNING = 1;
	private static final int AGAIN = 2;

	private final Assigner assigner;
	private final ApplicationEventPublisher events;
	private final Map<QueueKey, AtomicInteger> states = new ConcurrentHashMap<>();
	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	AssignmentRuns(Assigner assigner, ApplicationEventPublisher events) {
		this.assigner = assigner;
		this.events = events;
	}

	/** Runs the queues of a change once its transaction committed. */
	@TransactionalEventListener(fallbackExecution = true)
	void on(AssignmentRequested requested) {
		requested.queues().forEach(this::request);
	}

	/** Makes the queue run soon (now, or once more after the run under way). */
	void request(QueueKey queue) {
		AtomicInteger state = states.computeIfAbsent(queue, q -> new AtomicInteger(IDLE));
		while (true) {
			int current = state.get();
			if (current == IDLE) {
				if (state.compareAndSet(IDLE, RUNNING)) {
					try {
						executor.execute(() -> drain(queue, state));
					}
					catch (RejectedExecutionException e) {
						state.set(IDLE); // shutting down
					}
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

	/** Assigns in the calling thread until nothing more can be assigned; returns how many chats were assigned. */
	int runNow(QueueKey queue) {
		int assigned = 0;
		try {
			while (assigner.assignOne(queue)) {
				assigned++;
			}
		}
		finally {
			events.publishEvent(new QueueChanged(queue.tenantId(), queue.skill()));
		}
		return assigned;
	}

	private void drain(QueueKey queue, AtomicInteger state) {
		while (true) {
			try {
				runNow(queue);
			}
			catch (RuntimeException e) {
				// The sweep retries the queue; a failed run must not stop later ones.
				log.warn("Assignment run for queue {} of tenant {} failed", queue.skill(), queue.tenantId(), e);
			}
			if (state.compareAndSet(RUNNING, IDLE)) {
				return;
			}
			state.set(RUNNING);
		}
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}
}

package io.parley.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.parley.shared.CoalescedRun;

/**
 * Runs the assignments of a queue after something changed it, in the background and coalesced (a {@link CoalescedRun}
 * per queue), so a burst of new chats or freed agents costs a few runs, not one per change. A run assigns until no
 * chat or no agent is free, then tells the queue changed.
 */
@Component
class AssignmentRuns implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AssignmentRuns.class);

	private final Assigner assigner;
	private final ApplicationEventPublisher events;
	private final Map<QueueKey, CoalescedRun> runs = new ConcurrentHashMap<>();
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
		runs.computeIfAbsent(queue, q -> new CoalescedRun(executor, () -> run(q))).request();
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

	private void run(QueueKey queue) {
		try {
			runNow(queue);
		}
		catch (RuntimeException e) {
			// The sweep retries the queue; a failed run must not stop later ones.
			log.warn("Assignment run for queue {} of tenant {} failed", queue.skill(), queue.tenantId(), e);
		}
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}
}

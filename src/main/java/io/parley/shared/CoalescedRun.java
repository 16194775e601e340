package io.parley.shared;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task run in the background on request, coalesced: a request while a run is under way makes it run once more
 * afterwards, however many came, and runs never overlap. A burst of requests thus costs a few runs, not one each.
 * The task handles its own failures: what it throws ends the run, and the next request starts a new one.
 */
public final class CoalescedRun {

	private static final int IDLE = 0;
	private static final int RUNNING = 1;
	private static final int AGAIN = 2;

	private final AtomicInteger state = new AtomicInteger(IDLE);
	private final Executor executor;
	private final Runnable task;

	public CoalescedRun(Executor executor, Runnable task) {
		this.executor = executor;
		this.task = task;
	}

	/** Runs the task soon: now, or once more after the run under way. */
	public void request() {
		while (true) {
			int current = state.get();
			if (current == IDLE) {
				if (state.compareAndSet(IDLE, RUNNING)) {
					try {
						executor.execute(this::drain);
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

	private void drain() {
		try {
			while (true) {
				task.run();
				if (state.compareAndSet(RUNNING, IDLE)) {
					return;
				}
				state.set(RUNNING);
			}
		}
		catch (RuntimeException | Error e) {
			state.set(IDLE);
			throw e;
		}
	}
}

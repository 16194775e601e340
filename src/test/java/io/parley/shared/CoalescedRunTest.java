package io.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Requests during a run make it run once more, however many came; a run that failed or was refused ends cleanly. */
class CoalescedRunTest {

	/** Runs what it is given only when told, so that the test decides what happens during a run. */
	private final Deque<Runnable> queued = new ArrayDeque<>();

	@Test
	void requestsDuringARunMakeItRunOnceMore() {
		AtomicInteger runs = new AtomicInteger();
		CoalescedRun[] run = new CoalescedRun[1];
		run[0] = new CoalescedRun(queued::add, () -> {
			if (runs.incrementAndGet() == 1) {
				run[0].request();
				run[0].request();
				run[0].request();
			}
		});
		run[0].request();
		run[0].request();
		assertThat(queued).hasSize(1);
		queued.poll().run();
		assertThat(runs).hasValue(2);
		assertThat(queued).isEmpty();
	}

	@Test
	void aRequestAfterTheRunEndedStartsANewOne() {
		AtomicInteger runs = new AtomicInteger();
		CoalescedRun run = new CoalescedRun(queued::add, runs::incrementAndGet);
		run.request();
		queued.poll().run();
		run.request();
		queued.poll().run();
		assertThat(runs).hasValue(2);
	}

	@Test
	void aFailedRunLetsTheNextRequestStartAgain() {
		AtomicInteger runs = new AtomicInteger();
		CoalescedRun run = new CoalescedRun(queued::add, () -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("first run fails");
			}
		});
		run.request();
		assertThatThrownBy(() -> queued.poll().run()).isInstanceOf(IllegalStateException.class);
		run.request();
		queued.poll().run();
		assertThat(runs).hasValue(2);
	}

	@Test
	void aRefusedRunLetsTheNextRequestStartAgain() {
		AtomicInteger runs = new AtomicInteger();
		boolean[] refuse = { true };
		CoalescedRun run = new CoalescedRun(task -> {
			if (refuse[0]) {
				throw new RejectedExecutionException("shutting down");
			}
			queued.add(task);
		}, runs::incrementAndGet);
		run.request();
		refuse[0] = false;
		run.request();
		queued.poll().run();
		assertThat(runs).hasValue(1);
	}
}

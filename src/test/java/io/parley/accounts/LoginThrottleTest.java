package io.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {


	final TestClock clock = new TestClock();
	final LoginThrottle throttle = new LoginThrottle(Duration.ofSeconds(1), Duration.ofMinutes(5), 30, clock);

	private void fail(LoginThrottle throttle, String username, String address) {
		try (LoginThrottle.Attempt attempt = throttle.begin(username, address)) {
			attempt.failed();
		}
	}

	private long refusedFor(LoginThrottle throttle, String username, String address) {
		TooManyFailedAttempts refused = catchThrowableOfType(TooManyFailedAttempts.class,
				() -> throttle.begin(username, address).close());
		assertThat(refused).as("refused").isNotNull();
		return refused.retryAfterSeconds();
	}

	@Test
	void threeFailuresAreFreeThenTheWaitDoublesFromOneSecondUpToFiveMinutes() {
		List<Duration> waits = new ArrayList<>();
		for (int failures = 0; failures <= 14; failures++) {
			waits.add(throttle.delayAfter(failures));
		}
		assertThat(waits).extracting(Duration::toSeconds)
			.containsExactly(0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L);
		assertThat(throttle.delayAfter(1_000_000)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void refusesUntilTheWaitIsOverAndSaysHowLong() {
		for (int i = 0; i < 3; i++) {
			fail(throttle, "ann", "203.0.113.1");
		}
		assertThat(refusedFor(throttle, "ann", "203.0.113.1")).isEqualTo(1);
		assertThat(refusedFor(throttle, "ANN", "203.0.113.1")).as("user names ignore case").isEqualTo(1);
		assertThatThrownBy(() -> throttle.check("ann", "203.0.113.1")).isInstanceOf(TooManyFailedAttempts.class);
		clock.advance(Duration.ofMillis(400));
		assertThat(refusedFor(throttle, "ann", "203.0.113.1")).as("rounded up").isEqualTo(1);
		clock.advance(Duration.ofMillis(600));
		fail(throttle, "ann", "203.0.113.1");
		assertThat(refusedFor(throttle, "ann", "203.0.113.1")).isEqualTo(2);

		// Other user names from the address, and the user from elsewhere, are not held up.
		throttle.begin("bob", "203.0.113.1").close();
		throttle.begin("ann", "198.51.100.1").close();
		throttle.check("ann", "198.51.100.1");
	}

	@Test
	void aSuccessForgetsTheFailures() {
		for (int i = 0; i < 2; i++) {
			fail(throttle, "ann", "203.0.113.1");
		}
		try (LoginThrottle.Attempt attempt = throttle.begin("ann", "203.0.113.1")) {
			attempt.succeeded();
		}
		for (int i = 0; i < 3; i++) {
			fail(throttle, "ann", "203.0.113.1");
		}
		assertThat(refusedFor(throttle, "ann", "203.0.113.1")).isEqualTo(1);
	}

	@Test
	void anAttemptThatNeitherFailedNorSucceededLeavesNoTrace() {
		LoginThrottle strict = new LoginThrottle(Duration.ofSeconds(1), Duration.ofMinutes(5), 2, clock);
		for (int i = 0; i < 50; i++) {
			// The database could not be asked: the attempt is closed without an outcome.
			strict.begin("ann", "203.0.113.1").close();
			strict.begin(null, "203.0.113.1").close();
		}
		fail(strict, "ann", "203.0.113.1");
		fail(strict, "bob", "203.0.113.1");
		assertThat(refusedFor(strict, "carol", "203.0.113.1")).as("the address's two failures are used up").isPositive();
	}

	@Test
	void limitsFailuresPerAddressAcrossUserNamesAndTokens() {
		LoginThrottle limited = new LoginThrottle(Duration.ofSeconds(1), Duration.ofMinutes(5), 5, clock);
		for (int i = 0; i < 4; i++) {
			fail(limited, "user-" + i, "203.0.113.9");
		}
		fail(limited, null, "203.0.113.9");
		// Five failures in 10 minutes: the sixth attempt waits for the bucket to refill one, two minutes.
		assertThat(refusedFor(limited, "user-9", "203.0.113.9")).isEqualTo(120);
		assertThat(refusedFor(limited, null, "203.0.113.9")).isEqualTo(120);
		assertThatThrownBy(() -> limited.check("someone", "203.0.113.9")).isInstanceOf(TooManyFailedAttempts.class);
		limited.begin("user-9", "198.51.100.9").close();

		clock.advance(Duration.ofMinutes(2));
		fail(limited, "user-10", "203.0.113.9");
		assertThat(refusedFor(limited, "user-11", "203.0.113.9")).isEqualTo(120);
	}

	@Test
	void countsAnIpv6ClientByItsNetwork() {
		LoginThrottle limited = new LoginThrottle(Duration.ofSeconds(1), Duration.ofMinutes(5), 3, clock);
		fail(limited, "a", "2001:db8:1:2:0:0:0:1");
		fail(limited, "b", "2001:db8:1:2:aaaa:bbbb:cccc:dddd");
		fail(limited, "c", "2001:db8:1:2:ffff:0:0:9");
		assertThat(refusedFor(limited, "d", "2001:db8:1:2:1:2:3:4")).isPositive();
		limited.begin("d", "2001:db8:1:3:0:0:0:1").close();
		assertThat(LoginThrottle.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(LoginThrottle.network("203.0.113.7")).isEqualTo("203.0.113.7");
	}

	@Test
	void aBurstSentInParallelGetsNoMoreTriesThanOneSentInARow() throws Exception {
		AtomicInteger checked = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> burst = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				burst.add(threads.submit(() -> {
					start.await();
					try (LoginThrottle.Attempt attempt = throttle.begin("ann", "203.0.113.1")) {
						checked.incrementAndGet();
						Thread.sleep(5); // hashing the password
						attempt.failed();
					}
					catch (TooManyFailedAttempts e) {
						refused.incrementAndGet();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> f : burst) {
				f.get(30, TimeUnit.SECONDS);
			}
		}
		assertThat(checked).hasValue(LoginThrottle.FREE_FAILURES);
		assertThat(refused).hasValue(40 - LoginThrottle.FREE_FAILURES);
	}

	@Test
	void cyclingUserNamesAndAddressesCannotGrowTheTablesWithoutBound() {
		for (int i = 0; i < 3 * LoginThrottle.MAX_ENTRIES; i++) {
			fail(throttle, "name-" + i, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
		}
		long[] tracked = throttle.tracked();
		assertThat(tracked[0]).isLessThanOrEqualTo(LoginThrottle.MAX_ENTRIES);
		assertThat(tracked[1]).isLessThanOrEqualTo(LoginThrottle.MAX_ENTRIES);
	}

	@Test
	void refusesSettingsThatMakeNoSense() {
		assertThatThrownBy(() -> new LoginThrottle(Duration.ZERO, Duration.ofMinutes(5), 30, clock))
			.hasMessageContaining("PARLEY_LOGIN_BACKOFF");
		assertThatThrownBy(() -> new LoginThrottle(Duration.ofMinutes(10), Duration.ofMinutes(5), 30, clock))
			.hasMessageContaining("PARLEY_LOGIN_BACKOFF_MAX");
		assertThatThrownBy(() -> new LoginThrottle(Duration.ofSeconds(1), Duration.ofMinutes(5), -1, clock))
			.hasMessageContaining("PARLEY_LOGIN_FAILURES_PER_ADDRESS");
	}
}

package io.parley.accounts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Counts wrong credentials and says who must wait, in this node's memory.
 * <ul>
 * <li>Per user name and client address: {@value #FREE_FAILURES} failures in a row cost nothing; after that each one
 * makes the next attempt wait, {@code firstDelay} at first and twice as long each time, up to {@code maxDelay}. A
 * success starts the count again. Attempts for one user name from one address are checked one at a time, so a burst
 * sent in parallel gets no more tries than one sent in a row.</li>
 * <li>Per client address, across user names and API tokens: a token bucket of {@code failuresPerAddress} failures,
 * refilled evenly over {@value #ADDRESS_WINDOW_MINUTES} minutes, against password spraying. Each attempt holds a
 * token while it is checked and gives it back unless it failed.</li>
 * </ul>
 * Only wrong credentials count: an attempt that is neither {@link Attempt#failed() failed} nor
 * {@link Attempt#succeeded() succeeded} (the database could not be asked, say) leaves no trace. An IPv6 client is
 * counted by its /64 network, which one subscriber usually holds whole. Both tables are bounded (Caffeine, by size
 * and by idle time), so cycling through user names or addresses cannot grow them without end.
 */
class LoginThrottle {

	static final int FREE_FAILURES = 3;
	static final int ADDRESS_WINDOW_MINUTES = 10;
	static final int MAX_ENTRIES = 50_000;
	/** Longer than any user name (64), so that two real ones never share a count. */
	private static final int USERNAME_KEY_LENGTH = 65;
	/** How long an attempt waits for the one before it on the same user name and address. */
	private static final Duration TURN_WAIT = Duration.ofSeconds(10);

	private final Duration firstDelay;
	private final Duration maxDelay;
	private final int failuresPerAddress;
	private final Clock clock;
	private final TimeMeter timeMeter;
	private final Cache<Key, Pair> pairs;
	private final Cache<String, Bucket> addresses;

	LoginThrottle(Duration firstDelay, Duration maxDelay, int failuresPerAddress, Clock clock) {
		if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
			throw new IllegalArgumentException("PARLEY_LOGIN_BACKOFF must be positive and at most PARLEY_LOGIN_BACKOFF_MAX");
		}
		if (failuresPerAddress < 0) {
			throw new IllegalArgumentException("PARLEY_LOGIN_FAILURES_PER_ADDRESS must be 0 (no limit) or more");
		}
		this.firstDelay = firstDelay;
		this.maxDelay = maxDelay;
		this.failuresPerAddress = failuresPerAddress;
		this.clock = clock;
		this.timeMeter = new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				return nanos(clock.instant());
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}
		};
		Duration forgetPairAfter = maxDelay.multipliedBy(2).compareTo(Duration.ofHours(1)) > 0 ? maxDelay.multipliedBy(2)
				: Duration.ofHours(1);
		this.pairs = Caffeine.newBuilder()
			.ticker(timeMeter::currentTimeNanos)
			.expireAfterAccess(forgetPairAfter)
			.maximumSize(MAX_ENTRIES)
			.build();
		// An address idle for the whole window has its bucket full again: forgetting it changes nothing.
		this.addresses = Caffeine.newBuilder()
			.ticker(timeMeter::currentTimeNanos)
			.expireAfterAccess(Duration.ofMinutes(ADDRESS_WINDOW_MINUTES))
			.maximumSize(MAX_ENTRIES)
			.build();
	}

	/**
	 * Refuses at once, without waiting or holding anything, when {@code username} (null: an API token) from
	 * {@code address} must wait; for credentials that are known to be right already.
	 */
	void check(String username, String address) {
		Instant now = clock.instant();
		String network = network(address);
		if (username != null) {
			Pair pair = pairs.getIfPresent(new Key(usernameKey(username), network));
			if (pair != null && now.isBefore(pair.blockedUntil)) {
				throw new TooManyFailedAttempts(Duration.between(now, pair.blockedUntil));
			}
		}
		Bucket bucket = failuresPerAddress == 0 ? null : addresses.getIfPresent(network);
		if (bucket != null && bucket.getAvailableTokens() < 1) {
			throw new TooManyFailedAttempts(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
		}
	}

	/** Forgets the failures of {@code username} from {@code address}: right credentials came without a check. */
	void forgive(String username, String address) {
		pairs.asMap().remove(new Key(usernameKey(username), network(address)));
	}

	/**
	 * Starts checking credentials of {@code username} (null: an API token) from {@code address}: refuses with
	 * {@link TooManyFailedAttempts} when they must wait, otherwise waits for an earlier attempt on the same user name
	 * and address to finish. Close the attempt when done.
	 */
	Attempt begin(String username, String address) {
		String network = network(address);
		Key key = username == null ? null : new Key(usernameKey(username), network);
		Pair pair = key == null ? null : pairs.get(key, k -> new Pair());
		if (pair != null) {
			boolean turn;
			try {
				turn = pair.lock.tryLock(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				turn = false;
			}
			if (!turn) {
				throw new TooManyFailedAttempts(Duration.ofSeconds(1));
			}
			Instant now = clock.instant();
			if (now.isBefore(pair.blockedUntil)) {
				pair.lock.unlock();
				throw new TooManyFailedAttempts(Duration.between(now, pair.blockedUntil));
			}
		}
		Bucket bucket = failuresPerAddress == 0 ? null : addresses.get(network, a -> newBucket());
		if (bucket != null) {
			ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				if (pair != null) {
					pair.lock.unlock();
				}
				throw new TooManyFailedAttempts(Duration.ofNanos(probe.getNanosToWaitForRefill()));
			}
		}
		return new Attempt(key, pair, bucket);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(failuresPerAddress)
				.refillGreedy(failuresPerAddress, Duration.ofMinutes(ADDRESS_WINDOW_MINUTES)))
			.withCustomTimePrecision(timeMeter)
			.build();
	}

	/** How long the next attempt waits after {@code failures} failures in a row. */
	Duration delayAfter(int failures) {
		if (failures < FREE_FAILURES) {
			return Duration.ZERO;
		}
		int doublings = failures - FREE_FAILURES;
		if (doublings >= 31) {
			return maxDelay;
		}
		Duration delay = firstDelay.multipliedBy(1L << doublings);
		return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
	}

	/** How many user name and address pairs, and how many addresses, are being counted now. */
	long[] tracked() {
		pairs.cleanUp();
		addresses.cleanUp();
		return new long[] { pairs.estimatedSize(), addresses.estimatedSize() };
	}

	/** One check of credentials: say how it went, then close it. */
	final class Attempt implements AutoCloseable {

		private final Key key;
		private final Pair pair;
		private final Bucket bucket;
		private boolean decided;

		private Attempt(Key key, Pair pair, Bucket bucket) {
			this.key = key;
			this.pair = pair;
			this.bucket = bucket;
		}

		/** The credentials were wrong: counted; says how many in a row and how long the next attempt waits. */
		Failure failed() {
			decided = true;
			if (pair == null) {
				return new Failure(0, Duration.ZERO);
			}
			pair.failures++;
			Duration wait = delayAfter(pair.failures);
			pair.blockedUntil = clock.instant().plus(wait);
			return new Failure(pair.failures, wait);
		}

		/** The credentials were right: earlier failures of this user name and address are forgotten. */
		void succeeded() {
			decided = true;
			if (pair != null) {
				pair.failures = 0;
				pair.blockedUntil = Instant.MIN;
				pairs.invalidate(key);
			}
			refund();
		}

		/** Gives back what an attempt that did not fail took. */
		@Override
		public void close() {
			if (!decided) {
				refund();
				decided = true;
			}
			if (pair != null && pair.lock.isHeldByCurrentThread()) {
				pair.lock.unlock();
			}
		}

		private void refund() {
			if (bucket != null) {
				bucket.addTokens(1);
			}
		}
	}

	/** A counted failure: how many in a row for the user name and address, and the wait it imposes. */
	record Failure(int inARow, Duration nextWait) {
	}

	/** A user name (lower case, as logins ignore case) at a client address or network. */
	private record Key(String username, String network) {
	}

	/** The failures of one user name from one address; changed only while holding the lock. */
	private static final class Pair {

		final ReentrantLock lock = new ReentrantLock();
		int failures;
		volatile Instant blockedUntil = Instant.MIN;
	}

	private static String usernameKey(String username) {
		String lower = username.toLowerCase(Locale.ROOT);
		return lower.length() > USERNAME_KEY_LENGTH ? lower.substring(0, USERNAME_KEY_LENGTH) : lower;
	}

	/** An IPv4 address as it is; an IPv6 address as its /64 network. */
	static String network(String address) {
		if (address == null || address.indexOf(':') < 0) {
			return address;
		}
		InetAddress parsed = ClientAddresses.parse(address);
		if (parsed == null || parsed.getAddress().length != 16) {
			return address;
		}
		byte[] bytes = parsed.getAddress();
		for (int i = 8; i < 16; i++) {
			bytes[i] = 0;
		}
		try {
			return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
		}
		catch (UnknownHostException e) {
			return address;
		}
	}

	private static long nanos(Instant instant) {
		return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
	}
}

package io.parley.database;

import java.util.function.Supplier;

/**
 * Database work that may rightly take long: streaming exports, chain verification, migrations and maintenance jobs.
 * An interactive request gives up on a database that has not answered within {@code PARLEY_DATABASE_TIMEOUT} (the
 * socket timeout of the pool's connections), so that a dead or hung database is answered with 503 at once. A
 * connection taken inside {@link #run} or {@link #call} has no socket timeout instead, until it goes back to the pool,
 * so such work is not cut short. Start the transaction inside: a connection taken before is not changed.
 */
public final class LongRunning {

	private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

	private LongRunning() {
	}

	public static void run(Runnable work) {
		call(() -> {
			work.run();
			return null;
		});
	}

	public static <T> T call(Supplier<T> work) {
		Boolean outer = ACTIVE.get();
		ACTIVE.set(Boolean.TRUE);
		try {
			return work.get();
		}
		finally {
			if (outer == null) {
				ACTIVE.remove();
			}
		}
	}

	static boolean active() {
		return ACTIVE.get() != null;
	}
}

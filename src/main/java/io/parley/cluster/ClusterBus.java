package io.parley.cluster;

import java.util.function.Consumer;

/**
 * Publish/subscribe of short text notifications on named channels, delivered to the subscribers of every node.
 * A notification only says that something changed; the state itself is always read from the database, so a lost or
 * repeated notification delays or repeats a read but loses nothing. Listeners run on the delivering thread and must
 * return quickly (hand work to an executor).
 */
public interface ClusterBus {

	/** Sends {@code message} to every subscriber of {@code channel} on every node, this one included. */
	void publish(String channel, String message);

	/** Calls {@code listener} with every message published on {@code channel} until the subscription is closed. */
	Subscription subscribe(String channel, Consumer<String> listener);

	/** An active subscription; closing it twice is harmless. */
	interface Subscription extends AutoCloseable {

		@Override
		void close();
	}
}

package io.parley.cluster;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bus of a single node: a message reaches this node's subscribers only. Right for one node; several nodes need
 * the Redis implementation, which delivers the same messages through one subscription per node.
 */
@Component
class InProcessClusterBus implements ClusterBus {

	private static final Logger log = LoggerFactory.getLogger(InProcessClusterBus.class);

	private final Map<String, Set<Consumer<String>>> channels = new ConcurrentHashMap<>();

	@Override
	public void publish(String channel, String message) {
		Set<Consumer<String>> listeners = channels.get(channel);
		if (listeners == null) {
			return;
		}
		for (Consumer<String> listener : listeners) {
			try {
				listener.accept(message);
			}
			catch (RuntimeException e) {
				// One faulty listener must not keep the message from the others.
				log.warn("A listener of channel {} failed", channel, e);
			}
		}
	}

	@Override
	public Subscription subscribe(String channel, Consumer<String> listener) {
		// A wrapper per subscription, so that the same listener subscribed twice is also closed independently.
		Consumer<String> entry = listener::accept;
		channels.computeIfAbsent(channel, c -> new CopyOnWriteArraySet<>()).add(entry);
		return () -> {
			Set<Consumer<String>> listeners = channels.get(channel);
			if (listeners != null) {
				listeners.remove(entry);
			}
		};
	}
}

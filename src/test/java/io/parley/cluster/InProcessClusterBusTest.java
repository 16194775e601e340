package io.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class InProcessClusterBusTest {

	@Test
	void deliversToTheSubscribersOfAChannelUntilTheyClose() {
		InProcessClusterBus bus = new InProcessClusterBus();
		List<String> first = new ArrayList<>();
		List<String> second = new ArrayList<>();
		ClusterBus.Subscription one = bus.subscribe("chat", first::add);
		bus.subscribe("chat", second::add);
		bus.subscribe("other", message -> second.add("wrong channel: " + message));

		bus.publish("chat", "a 1");
		one.close();
		one.close();
		bus.publish("chat", "a 2");
		bus.publish("nobody-listens", "x");

		assertThat(first).containsExactly("a 1");
		assertThat(second).containsExactly("a 1", "a 2");
	}

	@Test
	void aFailingListenerDoesNotKeepTheMessageFromOthers() {
		InProcessClusterBus bus = new InProcessClusterBus();
		List<String> received = new ArrayList<>();
		bus.subscribe("chat", message -> {
			throw new IllegalStateException("broken");
		});
		bus.subscribe("chat", received::add);
		bus.publish("chat", "hello");
		assertThat(received).containsExactly("hello");
	}
}

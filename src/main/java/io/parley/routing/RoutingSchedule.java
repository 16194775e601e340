package io.parley.routing;

import org.springframework.stereotype.Component;

/**
 * The periods of routing's timers, derived from its settings, for the {@code @Scheduled} annotations of
 * {@link AgentConnections}, {@link AgentPresenceCheck} and {@link RoutingSweep} to read by name.
 */
@Component("routingSchedule")
class RoutingSchedule {

	private final RoutingProperties properties;

	RoutingSchedule(RoutingProperties properties) {
		this.properties = properties;
	}

	public long renewMillis() {
		return properties.connectionRenewInterval().toMillis();
	}

	public long checkMillis() {
		return properties.presenceCheckInterval().toMillis();
	}

	public long sweepMillis() {
		return properties.sweepInterval().toMillis();
	}
}

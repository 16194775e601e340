package io.parley.routing;

import org.springframework.stereotype.Component;

/**
 * The periods of the presence timers, derived from the graces, for the {@code @Scheduled} annotations of
 * {@link AgentConnections} and {@link AgentPresenceCheck} to read by name.
 */
@Component("agentPresenceSchedule")
class AgentPresenceSchedule {

	private final RoutingProperties properties;

	AgentPresenceSchedule(RoutingProperties properties) {
		this.properties = properties;
	}

	public long renewMillis() {
		return properties.connectionRenewInterval().toMillis();
	}

	public long checkMillis() {
		return properties.presenceCheckInterval().toMillis();
	}
}

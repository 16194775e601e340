package io.parley.routing;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Routing settings. {@code sweepInterval}: how often the routing sweep retries assignment for every queue with waiting
 * chats (a safety net behind the assignments triggered by each change) and refreshes available agents' skills and
 * capacity. {@code agentDisconnectGrace}: an agent with no feed connection (console or API socket, long poll) for this
 * long is set away by the system. {@code agentAbandonGrace}: an agent gone this long loses their chats to the front of
 * their queues; never shorter than the disconnect grace. Both are counted from the disconnect; a plain number is
 * seconds.
 */
@ConfigurationProperties("parley.routing")
record RoutingProperties(@DefaultValue("5s") Duration sweepInterval,
		@DefaultValue("60s") @DurationUnit(ChronoUnit.SECONDS) Duration agentDisconnectGrace,
		@DefaultValue("120s") @DurationUnit(ChronoUnit.SECONDS) Duration agentAbandonGrace) {

	RoutingProperties {
		if (agentDisconnectGrace.compareTo(Duration.ofSeconds(1)) < 0) {
			// Connected agents renew their mark a few times per grace; a shorter one would set them away.
			throw new IllegalArgumentException("parley.routing.agent-disconnect-grace (PARLEY_AGENT_DISCONNECT_GRACE)"
					+ " must be at least 1s, not " + agentDisconnectGrace);
		}
		if (agentAbandonGrace.compareTo(agentDisconnectGrace) < 0) {
			throw new IllegalArgumentException("parley.routing.agent-abandon-grace (PARLEY_AGENT_ABANDON_GRACE, "
					+ agentAbandonGrace + ") must not be shorter than the disconnect grace (" + agentDisconnectGrace
					+ "): an agent who keeps their status would get the requeued chats back");
		}
	}

	/** How often a node renews the "still connected" mark of the agents it holds connections for: well within the grace. */
	Duration connectionRenewInterval() {
		return clamp(agentDisconnectGrace.dividedBy(4), Duration.ofMillis(200), Duration.ofSeconds(15));
	}

	/** How often gone agents are looked for: what a grace is late by at most. */
	Duration presenceCheckInterval() {
		return clamp(agentDisconnectGrace.dividedBy(10), Duration.ofMillis(200), Duration.ofSeconds(5));
	}

	private static Duration clamp(Duration value, Duration min, Duration max) {
		return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
	}
}

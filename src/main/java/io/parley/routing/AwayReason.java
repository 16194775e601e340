package io.parley.routing;

/** Why the system, not the agent, set an agent away: {@code DISCONNECTED}, no console or feed connection for a while. */
public enum AwayReason {
	DISCONNECTED
}

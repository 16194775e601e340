package io.parley.routing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The agents' feed connections this node holds (console and API sockets, long polls under way), told by the chat
 * module, and their "still connected" mark in PostgreSQL: set when a connection opens or closes, and renewed for
 * every agent connected here in one statement every few seconds. A long poll that returned leaves the mark at its
 * return, so the next poll, a moment later, finds the agent present; only when no connection comes for the
 * disconnect grace is the agent gone. A node that dies stops renewing, and its agents are gone from its last renewal.
 */
@Component
public class AgentConnections {

	private static final Logger log = LoggerFactory.getLogger(AgentConnections.class);

	private final AgentConnectionTimes times;
	private final RoutingAgents agents;
	private final AssignmentRuns runs;
	private final Map<UUID, AtomicInteger> open = new ConcurrentHashMap<>();

	AgentConnections(AgentConnectionTimes times, RoutingAgents agents, AssignmentRuns runs) {
		this.times = times;
		this.agents = agents;
		this.runs = runs;
	}

	/** A socket or long poll of the agent opened on this node; they count as connected until {@link #closed}. */
	public void opened(UUID agentId) {
		open.computeIfAbsent(agentId, id -> new AtomicInteger()).incrementAndGet();
		if (mark(agentId, true)) {
			// Back after their last connection closed: routing skipped them meanwhile, so offer what waits now.
			agents.queuesServedBy(agentId).forEach(runs::request);
		}
	}

	/**
	 * A socket of the agent on this node closed. With no connection of theirs left here, routing offers them no new
	 * chat from now on (they may have closed the browser for good), while the disconnect grace runs.
	 */
	public void closed(UUID agentId) {
		AtomicInteger left = release(agentId);
		mark(agentId, left != null);
	}

	/**
	 * A long poll of the agent on this node returned. The next one comes a moment later, so they still count as
	 * connected, and only if none comes for the disconnect grace are they gone.
	 */
	public void pollReturned(UUID agentId) {
		release(agentId);
		mark(agentId, true);
	}

	private AtomicInteger release(UUID agentId) {
		return open.computeIfPresent(agentId, (id, count) -> count.decrementAndGet() <= 0 ? null : count);
	}

	@Scheduled(initialDelayString = "#{@routingSchedule.renewMillis()}",
			fixedDelayString = "#{@routingSchedule.renewMillis()}")
	void renew() {
		try {
			times.renew(List.copyOf(open.keySet()));
		}
		catch (RuntimeException e) {
			log.warn("Could not renew the presence of connected agents; trying again shortly", e);
		}
	}

	/** Answers whether the agent counted as disconnected before. */
	private boolean mark(UUID agentId, boolean connected) {
		try {
			return times.seen(agentId, connected);
		}
		catch (RuntimeException e) {
			// The connection itself works; the next renewal marks the agent if it is still open.
			log.warn("Could not mark agent {} as connected", agentId, e);
			return false;
		}
	}
}

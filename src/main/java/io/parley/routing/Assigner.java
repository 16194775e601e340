package io.parley.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One assignment, in one transaction: lock the oldest waiting chat of a queue and the longest-idle available agent
 * with that skill and a free place, both with SKIP LOCKED, and join them. Two transactions, on one node or several,
 * can never lock the same chat or the same agent row, and an agent's chat count only changes while the row is locked,
 * so no chat goes to two agents and no agent goes over capacity. Lock order everywhere: routing entry, routing agent,
 * then what listeners lock (the chat).
 */
@Component
class Assigner {

	private final RoutingEntries entries;
	private final RoutingAgents agents;
	private final ApplicationEventPublisher events;

	Assigner(RoutingEntries entries, RoutingAgents agents, ApplicationEventPublisher events) {
		this.entries = entries;
		this.agents = agents;
		this.events = events;
	}

	/** Assigns one chat of the queue if a chat and an agent are free; false when nothing could be assigned. */
	@Transactional
	public boolean assignOne(QueueKey queue) {
		Optional<RoutingEntries.Waiting> waiting = entries.lockOldestWaiting(queue);
		if (waiting.isEmpty()) {
			return false;
		}
		Optional<RoutingAgents.Locked> agent = agents.lockLongestIdle(queue);
		if (agent.isEmpty()) {
			return false;
		}
		// Taken after both locks: a release that freed this agent committed before, so its time is earlier.
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		RoutingEntries.Waiting chat = waiting.get();
		entries.assign(chat.chatId(), agent.get().agentId(), now);
		agents.addChat(agent.get().agentId(), now);
		entries.recordWait(queue, now, Math.max(0, Duration.between(chat.queuedAt(), now).toMillis()),
				chat.initialPosition());
		events.publishEvent(new ChatAssigned(queue.tenantId(), chat.chatId(), agent.get().agentId(),
				agent.get().displayName(), queue.skill(), now));
		return true;
	}
}

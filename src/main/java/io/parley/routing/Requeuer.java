package io.parley.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes one chat from an agent who is gone, in one transaction, and puts it back in its queue. Everything is checked
 * again under the locks (the chat is still theirs, they are still gone), so that of two nodes or threads requeueing
 * at once one does it and the other finds nothing to do, and an agent who comes back meanwhile keeps the chat.
 */
@Component
class Requeuer {

	private static final Logger log = LoggerFactory.getLogger(Requeuer.class);

	private final RoutingEntries entries;
	private final RoutingAgents agents;
	private final AgentConnectionTimes connections;
	private final ApplicationEventPublisher events;

	Requeuer(RoutingEntries entries, RoutingAgents agents, AgentConnectionTimes connections,
			ApplicationEventPublisher events) {
		this.entries = entries;
		this.agents = agents;
		this.connections = connections;
		this.events = events;
	}

	/**
	 * Puts the chat back at the front of its queue if {@code agentId} still handles it and has not been connected for
	 * {@code grace}: it keeps its arrival, so it stands before every chat that came after it, and the agent's place is
	 * freed. Answers whether it did. Lock order: routing entry, routing agent, connection mark, queue, then the chat
	 * (locked by the listeners of {@link ChatRequeued}).
	 */
	@Transactional
	public boolean requeue(AgentConnectionTimes.Held held, Duration grace) {
		Optional<RoutingEntries.Entry> found = entries.lock(held.chatId());
		if (found.isEmpty() || !held.agentId().equals(found.get().agentId())) {
			return false; // ended, or requeued by someone else meanwhile
		}
		RoutingEntries.Entry entry = found.get();
		Optional<RoutingAgents.Locked> agent = agents.lock(held.agentId());
		if (!connections.lockGoneFor(held.agentId(), grace)) {
			return false; // back in time
		}
		QueueKey queue = new QueueKey(entry.tenantId(), entry.skill());
		entries.lockQueue(queue);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		entries.requeue(held.chatId(), now);
		if (agent.isPresent()) {
			agents.removeChat(held.agentId(), now);
		}
		events.publishEvent(new ChatRequeued(entry.tenantId(), held.chatId(), held.agentId(), entry.skill(), now));
		log.info("Chat {} went back to the front of queue {} of tenant {}: its agent {} has not been connected since {}",
				held.chatId(), entry.skill(), entry.tenantId(), held.agentId(), held.seenAt());
		events.publishEvent(AssignmentRequested.of(queue));
		return true;
	}
}

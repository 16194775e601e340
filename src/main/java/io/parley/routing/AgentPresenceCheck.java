package io.parley.routing;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Acts on agents who are gone (no connection for a grace, counted from their last one): after the disconnect grace
 * they are set away with the reason DISCONNECTED, and after the abandon grace each of their chats goes back to the
 * front of its queue. One node at a time runs it (a ShedLock lock); even two at once would requeue each chat once.
 */
@Component
class AgentPresenceCheck {

	private static final Logger log = LoggerFactory.getLogger(AgentPresenceCheck.class);
	static final int CHATS_PER_CHECK = 200;

	private final AgentConnectionTimes connections;
	private final Requeuer requeuer;
	private final RoutingProperties properties;

	AgentPresenceCheck(AgentConnectionTimes connections, Requeuer requeuer, RoutingProperties properties) {
		this.connections = connections;
		this.requeuer = requeuer;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "#{@routingSchedule.checkMillis()}",
			fixedDelayString = "#{@routingSchedule.checkMillis()}")
	@SchedulerLock(name = "routing.agent-presence", lockAtMostFor = "PT2M")
	void scheduled() {
		try {
			check();
		}
		catch (RuntimeException e) {
			log.warn("Agent presence check failed; it runs again shortly", e);
		}
	}

	/** Sets gone agents away and requeues the chats of those gone past the abandon grace; answers how many chats. */
	int check() {
		for (AgentConnectionTimes.SetAway away : connections.setAwayGoneFor(properties.agentDisconnectGrace())) {
			log.info("Agent {} ({}) of tenant {} set Away: disconnected, no console or feed connection since {}",
					away.displayName(), away.agentId(), away.tenantId(), away.seenAt());
		}
		int requeued = 0;
		List<AgentConnectionTimes.Held> held = connections.chatsOfAgentsGoneFor(properties.agentAbandonGrace(),
				CHATS_PER_CHECK);
		for (AgentConnectionTimes.Held chat : held) {
			try {
				if (requeuer.requeue(chat, properties.agentAbandonGrace())) {
					requeued++;
				}
			}
			catch (RuntimeException e) {
				log.warn("Could not requeue chat {} of gone agent {}; trying again shortly", chat.chatId(),
						chat.agentId(), e);
			}
		}
		return requeued;
	}
}

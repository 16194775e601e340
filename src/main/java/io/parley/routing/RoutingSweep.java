package io.parley.routing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.parley.accounts.AgentDirectory;
import io.parley.accounts.AgentDirectory.Agent;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The safety net behind triggered assignments: every few seconds it runs each queue that has waiting chats (a
 * trigger lost in a crash, a chat skipped while locked), refreshes the copy of available agents' skills and
 * capacity (an admin changed them), sets agents who were disabled away, and forgets old waits.
 */
@Component
class RoutingSweep {

	private static final Logger log = LoggerFactory.getLogger(RoutingSweep.class);

	private final RoutingEntries entries;
	private final RoutingAgents agents;
	private final AgentDirectory directory;
	private final AssignmentRuns runs;
	private final RoutingProperties properties;

	RoutingSweep(RoutingEntries entries, RoutingAgents agents, AgentDirectory directory, AssignmentRuns runs,
			RoutingProperties properties) {
		this.entries = entries;
		this.agents = agents;
		this.directory = directory;
		this.runs = runs;
		this.properties = properties;
	}

	/**
	 * On one node at a time: everything it does is shared work in the database (the assignment runs it starts lock
	 * what they assign), so a node that finds another sweeping skips its turn.
	 */
	@Scheduled(initialDelayString = "#{@routingSchedule.sweepMillis()}",
			fixedDelayString = "#{@routingSchedule.sweepMillis()}")
	@SchedulerLock(name = "routing.sweep", lockAtMostFor = "PT2M")
	void sweep() {
		try {
			refreshAvailableAgents();
			entries.queuesWithWaitingChats().forEach(runs::request);
			entries.forgetOldWaits();
		}
		catch (RuntimeException e) {
			log.warn("Routing sweep failed; it runs again in {}", properties.sweepInterval(), e);
		}
	}

	private void refreshAvailableAgents() {
		List<UUID> available = agents.available();
		Map<UUID, Agent> known = directory.findAll(available).stream()
			.collect(Collectors.toMap(Agent::id, Function.identity()));
		for (UUID id : available) {
			Agent agent = known.get(id);
			if (agent == null || !agent.canTakeChats()) {
				agents.setAway(id);
			}
			else {
				agents.refresh(agent);
			}
		}
	}
}

package io.parley.routing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.parley.accounts.AgentDirectory;
import io.parley.accounts.AgentDirectory.Agent;

/**
 * The safety net behind triggered assignments: every few seconds it runs each queue that has waiting chats (a
 * trigger lost in a crash, a chat skipped while locked), refreshes the copy of available agents' skills and
 * capacity (an admin changed them), sets agents who were disabled away, and forgets old waits.
 */
@Component
class RoutingSweep implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RoutingSweep.class);

	private final RoutingEntries entries;
	private final RoutingAgents agents;
	private final AgentDirectory directory;
	private final AssignmentRuns runs;
	private final RoutingProperties properties;
	private volatile ScheduledExecutorService scheduler;

	RoutingSweep(RoutingEntries entries, RoutingAgents agents, AgentDirectory directory, AssignmentRuns runs,
			RoutingProperties properties) {
		this.entries = entries;
		this.agents = agents;
		this.directory = directory;
		this.runs = runs;
		this.properties = properties;
	}

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

	@Override
	public void start() {
		// A thread of its own: the sweep must not depend on which task scheduler beans the context happens to have.
		scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("parley-routing-sweep")
			.daemon().factory());
		long millis = properties.sweepInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService current = scheduler;
		if (current != null) {
			// Periodic runs are cancelled; one under way finishes while the database is still there.
			current.shutdown();
			try {
				current.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}
}

package io.parley.routing;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.parley.shared.NotFoundException;
import io.parley.accounts.AgentDirectory;
import io.parley.accounts.AgentDirectory.Agent;

/**
 * What the chat module asks of routing: put a new chat in its queue, take an ended one out (freeing its agent's
 * place), agents' status, and where a waiting chat stands. Every change that may allow an assignment makes the queue
 * run after the change committed; the sweep retries all queues as a safety net.
 */
@Service
public class Routing {

	private final RoutingEntries entries;
	private final RoutingAgents agents;
	private final AgentDirectory directory;
	private final AssignmentRuns runs;
	private final AgentConnectionTimes connections;
	private final AgentPresenceCheck presenceCheck;
	private final ApplicationEventPublisher events;

	Routing(RoutingEntries entries, RoutingAgents agents, AgentDirectory directory, AssignmentRuns runs,
			AgentConnectionTimes connections, AgentPresenceCheck presenceCheck, ApplicationEventPublisher events) {
		this.entries = entries;
		this.agents = agents;
		this.directory = directory;
		this.runs = runs;
		this.connections = connections;
		this.presenceCheck = presenceCheck;
		this.events = events;
	}

	/**
	 * Puts a new chat at the end of the tenant's queue for {@code skill}, in the caller's transaction (the one that
	 * creates the chat), and answers its position. Assignment is tried once that transaction commits.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public QueuePosition enqueue(UUID tenantId, UUID chatId, String skill, Instant now) {
		QueueKey queue = new QueueKey(tenantId, skill);
		entries.lockQueue(queue);
		int position = entries.countWaiting(queue) + 1;
		entries.insert(chatId, queue, now, position);
		events.publishEvent(AssignmentRequested.of(queue));
		return waitEstimate(tenantId, skill).at(position);
	}

	/**
	 * Takes an ended chat out of routing, in the caller's transaction: out of its queue if it waited, or off its
	 * agent, whose place is free (and idle time restarts) once that transaction commits. Call it before locking the
	 * chat itself (lock order: routing entry, routing agent, chat). Nothing happens for a chat routing does not know.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void release(UUID chatId, Instant now) {
		Optional<RoutingEntries.Entry> found = entries.lock(chatId);
		if (found.isEmpty()) {
			return;
		}
		RoutingEntries.Entry entry = found.get();
		entries.delete(chatId);
		if (entry.agentId() == null) {
			QueueKey queue = new QueueKey(entry.tenantId(), entry.skill());
			events.publishEvent(AssignmentRequested.of(queue));
			return;
		}
		Optional<RoutingAgents.Locked> agent = agents.lock(entry.agentId());
		if (agent.isPresent()) {
			agents.removeChat(entry.agentId(), now);
			events.publishEvent(AssignmentRequested.of(entry.tenantId(), agent.get().skills()));
		}
	}

	/**
	 * Sets an agent's status as they chose it (clearing any away reason the system gave). AVAILABLE takes new chats
	 * from the queues of their skills at once (idle time starts now unless they were available already) and counts as
	 * being connected now, so an agent who has yet to open their feed gets the disconnect grace to do so; AWAY keeps
	 * the chats they have and takes no new ones.
	 */
	@Transactional
	public AgentPresence changeStatus(UUID tenantId, UUID agentId, AgentStatus status) {
		Agent agent = directory.find(tenantId, agentId).orElseThrow(() -> new NotFoundException("No agent " + agentId));
		AgentStatus effective = agent.canTakeChats() ? status : AgentStatus.AWAY;
		agents.save(agent, effective, Instant.now());
		if (effective == AgentStatus.AVAILABLE) {
			connections.seen(agentId, true);
			events.publishEvent(AssignmentRequested.of(tenantId, agent.skills()));
		}
		return presence(tenantId, agentId);
	}

	/** An agent's status and load; AWAY with no chats for an agent who never set a status. */
	@Transactional(readOnly = true)
	public AgentPresence presence(UUID tenantId, UUID agentId) {
		return agents.presence(tenantId, agentId).orElseGet(() -> new AgentPresence(AgentStatus.AWAY, 0,
				directory.find(tenantId, agentId).map(Agent::maxConcurrentChats).orElse(0), null));
	}

	/**
	 * The presence of the agents among the tenant's users {@code userIds}, by user (users without the AGENT role are
	 * left out); AWAY with no chats for an agent who never set a status.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, AgentPresence> presences(UUID tenantId, Collection<UUID> userIds) {
		if (userIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, AgentPresence> known = agents.presences(tenantId, userIds);
		Map<UUID, AgentPresence> presences = new HashMap<>();
		for (Agent agent : directory.findAll(userIds)) {
			if (agent.tenantId().equals(tenantId) && agent.hasAgentRole()) {
				presences.put(agent.id(), known.getOrDefault(agent.id(),
						new AgentPresence(AgentStatus.AWAY, 0, agent.maxConcurrentChats(), null)));
			}
		}
		return presences;
	}

	/**
	 * Sets the agents who are gone away and requeues the chats of those gone past the abandon grace, now, in the
	 * calling thread, as the scheduled check does but without its lock; answers how many chats were requeued. Safe to
	 * call from any number of threads and nodes at once: each chat is requeued once.
	 */
	public int checkAgentPresence() {
		return presenceCheck.check();
	}

	/** Whether an agent with {@code skill} is AVAILABLE now (a new chat may still wait while all of them are busy). */
	public boolean anyAgentAvailable(UUID tenantId, String skill) {
		return agents.anyAvailable(tenantId, skill);
	}

	/** Where a chat stands in its queue now, empty when it does not wait (assigned, ended or unknown). */
	public Optional<QueuePosition> position(UUID tenantId, UUID chatId, String skill) {
		return entries.position(chatId).map(p -> waitEstimate(tenantId, skill).at(p));
	}

	/** The waiting chats of a queue with their positions, first is next. */
	public Map<UUID, Integer> positions(UUID tenantId, String skill) {
		return entries.positions(new QueueKey(tenantId, skill));
	}

	/** How fast the queue moved recently and whether anybody can take its chats now, to tell each position. */
	public WaitEstimate waitEstimate(UUID tenantId, String skill) {
		boolean available = agents.anyAvailable(tenantId, skill);
		return new WaitEstimate(available ? entries.millisPerPosition(new QueueKey(tenantId, skill)) : null, available);
	}

	/**
	 * Assigns the queue's waiting chats to free agents now, in the calling thread, as the background runs do;
	 * answers how many were assigned. Safe to call from any number of threads and nodes at once.
	 */
	public int assignWaiting(UUID tenantId, String skill) {
		return runs.runNow(new QueueKey(tenantId, skill));
	}
}

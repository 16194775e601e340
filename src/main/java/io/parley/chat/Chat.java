package io.parley.chat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongFunction;

import io.parley.shared.ConflictException;
import io.parley.shared.Violations;
import io.parley.routing.QueuePosition;

/**
 * A chat between a customer and an agent, holding its rules: it waits ({@code QUEUED}) until routing gives it to an
 * agent ({@code ACTIVE}), goes back to waiting if routing takes it from an agent who is gone, either side may end it,
 * and once {@code ENDED} it takes no more messages or typing. Every change records the events it causes, numbered
 * after the chat's last seq; the repository writes them with the chat.
 */
final class Chat {

	static final int TEXT_MAX = 4000;
	static final int CLIENT_MESSAGE_ID_MAX = 100;
	static final String REQUEUED_MESSAGE = "Your agent was disconnected. You are back at the front of the queue;"
			+ " the next available agent will continue this chat.";

	private final UUID id;
	private final UUID tenantId;
	private final UUID pointOfContactId;
	private final String skill;
	private final Map<String, Object> preChat;
	private final Instant createdAt;
	private ChatState state;
	private UUID agentId;
	private String agentName;
	private Integer queuePosition;
	private Integer estimatedWaitSeconds;
	private Boolean agentsAvailable;
	private long lastSeq;
	private Instant assignedAt;
	private Instant endedAt;
	private Party endedBy;
	private final List<Recorded> recorded = new ArrayList<>();

	Chat(UUID id, UUID tenantId, UUID pointOfContactId, String skill, Map<String, Object> preChat, Instant createdAt,
			ChatState state, UUID agentId, String agentName, Integer queuePosition, Integer estimatedWaitSeconds,
			Boolean agentsAvailable, long lastSeq, Instant assignedAt, Instant endedAt, Party endedBy) {
		this.id = Objects.requireNonNull(id);
		this.tenantId = Objects.requireNonNull(tenantId);
		this.pointOfContactId = Objects.requireNonNull(pointOfContactId);
		this.skill = Objects.requireNonNull(skill);
		this.preChat = Collections.unmodifiableMap(new LinkedHashMap<>(preChat));
		this.createdAt = Objects.requireNonNull(createdAt);
		this.state = Objects.requireNonNull(state);
		this.agentId = agentId;
		this.agentName = agentName;
		this.queuePosition = queuePosition;
		this.estimatedWaitSeconds = estimatedWaitSeconds;
		this.agentsAvailable = agentsAvailable;
		this.lastSeq = lastSeq;
		this.assignedAt = assignedAt;
		this.endedAt = endedAt;
		this.endedBy = endedBy;
	}

	/** The time events are stamped with: microseconds, as PostgreSQL keeps them, so a stored event reads back equal. */
	static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	/** A new chat waiting at {@code position} of its queue; its first event tells the customer so. */
	static Chat start(UUID id, UUID tenantId, UUID pointOfContactId, String skill, Map<String, Object> preChat,
			QueuePosition position, Instant now) {
		Chat chat = new Chat(id, tenantId, pointOfContactId, skill, preChat, now, ChatState.QUEUED, null, null,
				position.position(), position.estimatedWaitSeconds(), position.agentsAvailable(), 0, null, null, null);
		chat.recordState(now);
		return chat;
	}

	/**
	 * Routing gave this waiting chat to an agent. Their feed gets ASSIGNED, then {@code earlier} (what the customer
	 * wrote while waiting, already in the chat's log), then the chat's new state.
	 */
	void assign(UUID agent, String name, Instant at, List<ChatEvent.Message> earlier) {
		if (state != ChatState.QUEUED) {
			throw new IllegalStateException("Chat " + id + " is " + state + ", it cannot be assigned");
		}
		state = ChatState.ACTIVE;
		agentId = Objects.requireNonNull(agent);
		agentName = name;
		assignedAt = at;
		queuePosition = null;
		estimatedWaitSeconds = null;
		agentsAvailable = null;
		recordInFeed(agentId, new ChatEvent.Assigned(at, pointOfContactId, preChat));
		earlier.forEach(message -> recordInFeed(agentId, message));
		recordState(at);
	}

	/**
	 * Routing took this chat from its agent, who was gone, and put it back in the queue at {@code position}: the agent
	 * is told in their feed (UNASSIGNED), the customer by a system message, then waits again (the STATE event) until
	 * another agent takes it. The chat's later events go to whoever takes it next.
	 */
	void requeue(QueuePosition position, Instant at) {
		if (state != ChatState.ACTIVE) {
			throw new IllegalStateException("Chat " + id + " is " + state + ", it cannot go back to the queue");
		}
		UUID from = agentId;
		state = ChatState.QUEUED;
		agentId = null;
		agentName = null;
		assignedAt = null;
		recordInFeed(from, new ChatEvent.Unassigned(at, ChatEvent.Unassigned.Reason.AGENT_DISCONNECTED));
		record(seq -> new ChatEvent.Message(seq, at, Party.SYSTEM, REQUEUED_MESSAGE, null, null));
		queuePosition = position.position();
		estimatedWaitSeconds = position.estimatedWaitSeconds();
		agentsAvailable = position.agentsAvailable();
		recordState(at);
	}

	/** Checks a message as sent, before anything else is decided about it. */
	static void checkMessage(String clientMessageId, String text) {
		Violations violations = new Violations();
		violations.text("clientMessageId", clientMessageId, 1, CLIENT_MESSAGE_ID_MAX);
		violations.text("text", text, 1, TEXT_MAX);
		violations.throwIfAny();
	}

	/**
	 * A message from {@code from}. The customer may write while waiting; an agent only in a chat they handle; nobody
	 * after the chat ended.
	 */
	ChatEvent.Message say(Party from, String clientMessageId, String text, Instant at) {
		checkMessage(clientMessageId, text);
		if (state == ChatState.ENDED) {
			throw new ConflictException("The chat has ended; it takes no more messages.");
		}
		if (from == Party.AGENT && state != ChatState.ACTIVE) {
			throw new ConflictException("The chat is not being handled by an agent.");
		}
		return record(seq -> new ChatEvent.Message(seq, at, from, text, clientMessageId,
				from == Party.AGENT ? agentName : null));
	}

	/** {@code from} started or stopped typing; nothing is typed into an ended chat. */
	ChatEvent.Typing typing(Party from, boolean typing, Instant at) {
		if (state == ChatState.ENDED) {
			throw new ConflictException("The chat has ended.");
		}
		return record(seq -> new ChatEvent.Typing(seq, at, from, typing));
	}

	/** Ends the chat; false (and nothing recorded) when it had ended already. */
	boolean end(Party by, Instant at) {
		if (state == ChatState.ENDED) {
			return false;
		}
		state = ChatState.ENDED;
		endedBy = Objects.requireNonNull(by);
		endedAt = at;
		queuePosition = null;
		estimatedWaitSeconds = null;
		agentsAvailable = null;
		record(seq -> new ChatEvent.Ended(seq, at, by));
		return true;
	}

	/**
	 * Tells the waiting customer where they stand and whether anybody with the skill is available; false (and
	 * nothing recorded) when the chat does not wait or the customer was told exactly this already.
	 */
	boolean showPosition(QueuePosition position, Instant at) {
		if (state != ChatState.QUEUED || position.equals(shownPosition())) {
			return false;
		}
		queuePosition = position.position();
		estimatedWaitSeconds = position.estimatedWaitSeconds();
		agentsAvailable = position.agentsAvailable();
		recordState(at);
		return true;
	}

	boolean isHandledBy(UUID agent) {
		return agentId != null && agentId.equals(agent);
	}

	private void recordState(Instant at) {
		record(seq -> new ChatEvent.StateChanged(seq, at, state, queuePosition, estimatedWaitSeconds, agentsAvailable,
				agentName));
	}

	/** A new event of the chat's log, numbered next, which the chat's agent, if any, gets in their feed too. */
	private <E extends ChatEvent.Logged> E record(LongFunction<E> numbered) {
		E event = numbered.apply(++lastSeq);
		recorded.add(new Recorded(event, true, agentId));
		return event;
	}

	/** An event for {@code agent}'s feed only. */
	private void recordInFeed(UUID agent, ChatEvent event) {
		recorded.add(new Recorded(event, false, agent));
	}

	/**
	 * An event the chat recorded and the repository is to write: to the chat's log when {@code inLog}, and to the feed
	 * of agent {@code feedOf} unless that is null.
	 */
	record Recorded(ChatEvent event, boolean inLog, UUID feedOf) {
	}

	/** The events recorded since the chat was loaded or last saved, oldest first, and where each goes. */
	List<Recorded> unsaved() {
		return List.copyOf(recorded);
	}

	/** The events recorded since the chat was loaded or last saved, oldest first. */
	List<ChatEvent> recorded() {
		return recorded.stream().map(Recorded::event).toList();
	}

	void clearRecorded() {
		recorded.clear();
	}

	UUID id() {
		return id;
	}

	UUID tenantId() {
		return tenantId;
	}

	UUID pointOfContactId() {
		return pointOfContactId;
	}

	String skill() {
		return skill;
	}

	Map<String, Object> preChat() {
		return preChat;
	}

	Instant createdAt() {
		return createdAt;
	}

	ChatState state() {
		return state;
	}

	UUID agentId() {
		return agentId;
	}

	String agentName() {
		return agentName;
	}

	Integer queuePosition() {
		return queuePosition;
	}

	Integer estimatedWaitSeconds() {
		return estimatedWaitSeconds;
	}

	/** Whether the waiting customer was last told that an agent with the skill is available; null when not waiting. */
	Boolean agentsAvailable() {
		return agentsAvailable;
	}

	/** What the waiting customer was last told of their place; null when not waiting. */
	QueuePosition shownPosition() {
		return state != ChatState.QUEUED || queuePosition == null ? null
				: new QueuePosition(queuePosition, estimatedWaitSeconds, !Boolean.FALSE.equals(agentsAvailable));
	}

	long lastSeq() {
		return lastSeq;
	}

	Instant assignedAt() {
		return assignedAt;
	}

	Instant endedAt() {
		return endedAt;
	}

	Party endedBy() {
		return endedBy;
	}
}

package io.parley.chat;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An event of a chat, as clients get it in JSON: {@code {"seq", "type", "at", ...the type's own fields}}. The events
 * of a chat's log ({@link Logged}) are numbered per chat ({@code seq}, increasing, possibly with gaps); ASSIGNED and
 * UNASSIGNED only appear in agents' feeds and have no seq ({@code "seq": null}). Typing events get a seq and are stored
 * like the others while the chat runs, so a long poll or a resumed socket gets them too and a resume point is always a
 * seq; they are deleted when the chat ends, which leaves gaps in the numbers.
 */
@JsonPropertyOrder({ "seq", "type", "at" })
public sealed interface ChatEvent permits ChatEvent.Logged, ChatEvent.Assigned, ChatEvent.Unassigned {

	/** The kinds of chat events, the {@code type} of their JSON, and the record each is read back into. */
	enum Type {

		STATE(StateChanged.class), MESSAGE(Message.class), TYPING(Typing.class), ENDED(Ended.class),
		ASSIGNED(Assigned.class), UNASSIGNED(Unassigned.class);

		private final Class<? extends ChatEvent> record;

		Type(Class<? extends ChatEvent> record) {
			this.record = record;
		}

		Class<? extends ChatEvent> record() {
			return record;
		}
	}

	@JsonProperty("type")
	Type type();

	Instant at();

	/** An event of the chat's own log, which its customer gets too, numbered by {@code seq}. */
	sealed interface Logged extends ChatEvent permits StateChanged, Message, Typing, Ended {

		long seq();
	}

	/**
	 * What the customer is told of the chat's state: while it waits, the place in the queue, the estimated wait and
	 * whether anybody with the skill is available; once handled, the agent's name.
	 */
	record StateChanged(long seq, Instant at, ChatState state, Integer queuePosition, Integer estimatedWaitSeconds,
			Boolean agentsAvailable, String agentName) implements Logged {

		@Override
		public Type type() {
			return Type.STATE;
		}
	}

	/** A message; {@code clientMessageId} is the sender's (null for SYSTEM), the agent's name is only on theirs. */
	record Message(long seq, Instant at, Party from, String text, String clientMessageId, String agentName)
			implements Logged {

		@Override
		public Type type() {
			return Type.MESSAGE;
		}
	}

	/** {@code from} started or stopped typing. */
	record Typing(long seq, Instant at, Party from, boolean typing) implements Logged {

		@Override
		public Type type() {
			return Type.TYPING;
		}
	}

	/** The chat ended, by the customer, the agent, or SYSTEM (the customer left). */
	record Ended(long seq, Instant at, Party endedBy) implements Logged {

		@Override
		public Type type() {
			return Type.ENDED;
		}
	}

	/** In an agent's feed: the chat is now theirs; where it came from and the pre-chat answers. */
	record Assigned(Instant at, UUID pointOfContactId, Map<String, Object> preChat) implements ChatEvent {

		public Assigned {
			preChat = Collections.unmodifiableMap(new LinkedHashMap<>(preChat));
		}

		@Override
		public Type type() {
			return Type.ASSIGNED;
		}

		/** Not in the chat's log: no seq. */
		@JsonProperty("seq")
		Long seq() {
			return null;
		}
	}

	/** In an agent's feed: the chat was taken from them and put back in the queue. */
	record Unassigned(Instant at, Reason reason) implements ChatEvent {

		/** Why: the agent was not connected for the abandon grace. */
		public enum Reason {
			AGENT_DISCONNECTED
		}

		@Override
		public Type type() {
			return Type.UNASSIGNED;
		}

		/** Not in the chat's log: no seq. */
		@JsonProperty("seq")
		Long seq() {
			return null;
		}
	}
}

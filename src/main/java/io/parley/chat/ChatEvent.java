package io.parley.chat;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One numbered event of a chat's log: {@code seq} (per chat, increasing, possibly with gaps), {@code type}, when,
 * and the type's own fields ({@code STATE}: state, queuePosition, estimatedWaitSeconds, agentName; {@code MESSAGE}:
 * from, text, clientMessageId, agentName; {@code TYPING}: from, typing; {@code ENDED}: endedBy). Typing events get a
 * seq and are stored like the others while the chat runs, so a long poll or a resumed socket gets them too and a
 * resume point is always a seq; they are deleted when the chat ends, which leaves gaps in the numbers.
 */
public record ChatEvent(long seq, Type type, Instant at, Map<String, Object> data) {

	/**
	 * The kinds of chat events. {@code ASSIGNED} (the chat is now yours) and {@code UNASSIGNED} (it was taken from
	 * you and put back in the queue) only appear in agents' feeds.
	 */
	public enum Type {
		STATE, MESSAGE, TYPING, ENDED, ASSIGNED, UNASSIGNED
	}

	public ChatEvent {
		data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
	}

	/** The event as clients get it: {@code {"seq", "type", "at", ...fields}}. */
	public Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("seq", seq);
		json.put("type", type.name());
		json.put("at", at.toString());
		json.putAll(data);
		return json;
	}

	/** The event as an agent's feed carries it: the chat's id first. */
	public Map<String, Object> agentJson(UUID chatId) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("chatId", chatId.toString());
		json.putAll(json());
		return json;
	}
}

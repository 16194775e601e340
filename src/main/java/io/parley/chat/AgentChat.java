package io.parley.chat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A chat as its agent lists it: where it came from, the pre-chat answers, its state and the last seq of its log. */
public record AgentChat(UUID chatId, UUID pointOfContactId, String pointOfContactName, ChatState state,
		Map<String, Object> preChat, long lastSeq, Instant createdAt, Instant assignedAt) {
}

package io.parley.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A chat as it stays: who and where, the pre-chat answers, and every message in order. */
public record Transcript(UUID chatId, UUID pointOfContactId, ChatState state, Instant createdAt, Instant assignedAt,
		Instant endedAt, Party endedBy, UUID agentId, String agentName, Map<String, Object> preChat,
		List<ChatEvent.Message> messages) {
}

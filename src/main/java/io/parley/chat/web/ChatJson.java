package io.parley.chat.web;

import java.util.List;

import io.parley.chat.ChatEvent;
import io.parley.routing.AgentStatus;
import tools.jackson.databind.JsonNode;

/** The request and answer bodies of the chat endpoints. */
final class ChatJson {

	private ChatJson() {
	}

	/** {@code {"preChat": {"email": "…"}}}; both the object and the whole body may be left out. */
	record StartRequest(JsonNode preChat) {
	}

	record MessageRequest(String clientMessageId,
			String text) {
	}

	record TypingRequest(Boolean typing) {
	}

	record StatusRequest(AgentStatus status) {
	}

	record Events(List<ChatEvent.Logged> events) {
	}
}

package io.parley.chat.web;

import java.util.List;

import io.parley.StrictJson;
import io.parley.chat.ChatEvent;
import io.parley.routing.AgentStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/** The request and answer bodies of the chat endpoints. */
final class ChatJson {

	private ChatJson() {
	}

	/** {@code {"preChat": {"email": "…"}}}; both the object and the whole body may be left out. */
	record StartRequest(JsonNode preChat) {
	}

	record MessageRequest(@JsonDeserialize(using = StrictJson.Text.class) String clientMessageId,
			@JsonDeserialize(using = StrictJson.Text.class) String text) {
	}

	record TypingRequest(@JsonDeserialize(using = StrictJson.Flag.class) Boolean typing) {
	}

	record StatusRequest(@JsonDeserialize(using = StrictJson.Constant.class) AgentStatus status) {
	}

	record Events(List<ChatEvent.Logged> events) {
	}
}

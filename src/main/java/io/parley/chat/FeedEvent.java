package io.parley.chat;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * An event of an agent's feed: its {@code cursor} (a string in JSON), the chat it belongs to, and the event's own
 * fields beside them: {@code {"cursor", "chatId", "seq", "type", "at", ...}}.
 */
@JsonPropertyOrder({ "cursor", "chatId" })
public record FeedEvent(@JsonFormat(shape = JsonFormat.Shape.STRING) long cursor, UUID chatId,
		@JsonUnwrapped ChatEvent event) {
}

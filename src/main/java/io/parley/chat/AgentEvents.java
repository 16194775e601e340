package io.parley.chat;

import java.util.List;

/** Events of an agent's feed, each with its {@code cursor}, and the cursor to read on from. */
public record AgentEvents(List<FeedEvent> events, String cursor) {
}

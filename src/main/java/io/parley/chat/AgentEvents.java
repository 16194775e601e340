package io.parley.chat;

import java.util.List;
import java.util.Map;

/** Events of an agent's feed, each with its {@code cursor}, and the cursor to read on from. */
public record AgentEvents(List<Map<String, Object>> events, String cursor) {
}

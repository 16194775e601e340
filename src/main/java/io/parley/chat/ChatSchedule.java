package io.parley.chat;

import org.springframework.stereotype.Component;

/**
 * The periods of the chat module's timers, derived from its settings, for the {@code @Scheduled} annotations of
 * {@link CustomerPresence} and {@link AgentFeedPruning} to read by name.
 */
@Component("chatSchedule")
class ChatSchedule {

	private final ChatProperties properties;

	ChatSchedule(ChatProperties properties) {
		this.properties = properties;
	}

	public long presenceMillis() {
		return properties.presenceInterval().toMillis();
	}

	public long abandonCheckMillis() {
		return properties.abandonCheckInterval().toMillis();
	}

	public long feedPruneMillis() {
		return properties.agentFeedPruneInterval().toMillis();
	}
}

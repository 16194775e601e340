package io.parley.chat;

/**
 * What a customer sees of their chat now: its state, their place in the queue, the estimated wait and whether anybody
 * with the skill is available while it waits, the agent's name once handled, the last seq of its log, and who ended
 * it.
 */
public record ChatStatus(ChatState state, Integer queuePosition, Integer estimatedWaitSeconds, Boolean agentsAvailable,
		String agentName, long lastSeq, Party endedBy) {

	static ChatStatus of(Chat chat) {
		return new ChatStatus(chat.state(), chat.queuePosition(), chat.estimatedWaitSeconds(), chat.agentsAvailable(),
				chat.agentName(), chat.lastSeq(), chat.endedBy());
	}
}

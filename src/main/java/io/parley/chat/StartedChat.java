package io.parley.chat;

import java.util.UUID;

/**
 * A chat just started from the widget, with the token its customer uses from now on (shown only this once), where it
 * waits, and whether anybody with its skill is available (without, there is no estimate).
 */
public record StartedChat(UUID chatId, String token, ChatState state, int queuePosition,
		Integer estimatedWaitSeconds, boolean agentsAvailable) {
}

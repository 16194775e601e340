package io.parley.chat;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.parley.shared.NotFoundException;
import io.parley.routing.Routing;

/** Ending a chat, whoever ends it: routing lets go of it first (lock order: routing, then chat), then the chat ends. */
@Component
class ChatEnding {

	private final Chats chats;
	private final Routing routing;

	ChatEnding(Chats chats, Routing routing) {
		this.chats = chats;
		this.routing = routing;
	}

	/** Ends the chat in the caller's transaction; an ended chat stays as it is. */
	@Transactional(propagation = Propagation.MANDATORY)
	Chat end(UUID chatId, Party by) {
		Instant now = Chat.now();
		routing.release(chatId, now);
		Chat chat = chats.lock(chatId).orElseThrow(() -> new NotFoundException("No chat " + chatId));
		if (chat.end(by, now)) {
			chats.save(chat);
			// Typing only matters while the chat runs; the transcript keeps messages only.
			chats.forgetTyping(chatId);
		}
		return chat;
	}
}

package io.parley.chat;

/** Where a chat is: waiting for an agent, being handled, or over. */
public enum ChatState {
	QUEUED, ACTIVE, ENDED
}

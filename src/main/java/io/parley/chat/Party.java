package io.parley.chat;

/** Who wrote a message, typed, or ended a chat; {@code SYSTEM} is Parley itself (an abandoned chat, a chat requeued from a gone agent). */
public enum Party {
	CUSTOMER, AGENT, SYSTEM
}

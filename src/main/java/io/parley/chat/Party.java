package io.parley.chat;

/** Who wrote a message, typed, or ended a chat; {@code SYSTEM} is Parley itself (an abandoned chat). */
public enum Party {
	CUSTOMER, AGENT, SYSTEM
}

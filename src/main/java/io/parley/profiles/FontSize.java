package io.parley.profiles;

/** The base text size of the chat window. */
public enum FontSize {
	SMALL, REGULAR, HUGE
}

package io.parley.profiles;

/** The corner of the page where the Live Chat button stays while the page scrolls. */
public enum ButtonPosition {
	BOTTOM_RIGHT, BOTTOM_LEFT, TOP_RIGHT, TOP_LEFT
}

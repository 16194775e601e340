package io.parley.console;

import java.util.Map;

/** Names of constants as a person reads them: {@code BOTTOM_RIGHT} is "Bottom right", {@code SELECT} "Choice list". */
final class Display {

	private static final Map<String, String> SPECIAL = Map.of("SELECT", "Choice list", "TEXTAREA", "Long text",
			"V1", "V1 · Classic", "V2", "V2 · Guided", "CHAT_PROFILE", "Chat profile", "POINT_OF_CONTACT",
			"Point of contact");

	public String of(Object constant) {
		if (constant == null) {
			return "";
		}
		String name = constant instanceof Enum<?> e ? e.name() : constant.toString();
		String special = SPECIAL.get(name);
		if (special != null) {
			return special;
		}
		String words = name.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}
}

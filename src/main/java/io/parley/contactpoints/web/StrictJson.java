package io.parley.contactpoints.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Readers that take a JSON value only in its own type. Left to itself Jackson coerces: {@code 0} becomes the text
 * "0" and {@code 1} becomes true, which would store a client's mistake instead of answering it with 400.
 */
final class StrictJson {

	private StrictJson() {
	}

	/**
	 * A JSON string of whole Unicode characters: an unpaired surrogate ({@code "\\ud800"}) has no UTF-8 form, so the
	 * database would store a {@code ?} in its place instead of the text as given.
	 */
	static class Text extends ValueDeserializer<String> {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() != JsonToken.VALUE_STRING) {
				return (String) context.handleUnexpectedToken(String.class, parser);
			}
			String text = parser.getString();
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
				}
				else if (Character.isSurrogate(c)) {
					return (String) context.handleWeirdStringValue(String.class, text,
							"has an unpaired surrogate, which is not a character");
				}
			}
			return text;
		}
	}

	/** {@code true} or {@code false}. */
	static class Flag extends ValueDeserializer<Boolean> {

		@Override
		public Boolean deserialize(JsonParser parser, DeserializationContext context) {
			return switch (parser.currentToken()) {
				case VALUE_TRUE -> Boolean.TRUE;
				case VALUE_FALSE -> Boolean.FALSE;
				default -> (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
			};
		}
	}
}

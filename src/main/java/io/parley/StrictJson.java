package io.parley;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;

/**
 * Readers that take a JSON value only in its own type. Left to itself Jackson coerces: {@code 0} becomes the text
 * "0", {@code 1} or {@code "1"} the enum constant at index 1, {@code 1} becomes true and {@code 80.9} becomes 80.
 * Each of those would store a client's mistake instead of answering it with 400 naming the field.
 */
public final class StrictJson {

	private StrictJson() {
	}

	/**
	 * A JSON string of whole Unicode characters: an unpaired surrogate ({@code "\\ud800"}) has no UTF-8 form, so the
	 * database would store a {@code ?} in its place instead of the text as given.
	 */
	public static class Text extends ValueDeserializer<String> {

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
	public static class Flag extends ValueDeserializer<Boolean> {

		@Override
		public Boolean deserialize(JsonParser parser, DeserializationContext context) {
			return switch (parser.currentToken()) {
				case VALUE_TRUE -> Boolean.TRUE;
				case VALUE_FALSE -> Boolean.FALSE;
				default -> (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
			};
		}
	}

	/** A JSON integer that fits an {@code int}. */
	public static class WholeNumber extends ValueDeserializer<Integer> {

		@Override
		public Integer deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
				return (Integer) context.handleUnexpectedToken(Integer.class, parser);
			}
			if (parser.getNumberType() != JsonParser.NumberType.INT) {
				return (Integer) context.handleWeirdNumberValue(Integer.class, parser.getNumberValue(), "too large");
			}
			return parser.getIntValue();
		}
	}

	/** An enum constant by its exact name, never by its index. */
	public static class Constant extends ValueDeserializer<Enum<?>> {

		private final Class<?> type;

		public Constant() {
			this(null);
		}

		private Constant(Class<?> type) {
			this.type = type;
		}

		@Override
		public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
			JavaType target = property != null ? property.getType() : context.getContextualType();
			return new Constant(target.getRawClass());
		}

		@Override
		public Enum<?> deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() != JsonToken.VALUE_STRING) {
				return (Enum<?>) context.handleUnexpectedToken(type, parser);
			}
			String text = parser.getString();
			for (Object constant : type.getEnumConstants()) {
				if (((Enum<?>) constant).name().equals(text)) {
					return (Enum<?>) constant;
				}
			}
			return (Enum<?>) context.handleWeirdStringValue(type, text, "not one of the accepted values");
		}
	}
}

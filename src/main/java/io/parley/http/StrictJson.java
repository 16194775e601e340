package io.parley.http;

import org.springframework.stereotype.Component;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleDeserializers;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every JSON the API reads takes a value only in its own type: this module, registered once for the whole API (Spring
 * Boot adds every {@link tools.jackson.databind.JacksonModule} bean to its mapper, web slices included), instead of an
 * annotation on each field. Left to itself Jackson coerces: {@code 0} becomes the text "0", {@code 1} or {@code "1"}
 * the enum constant at index 1, {@code 1} or {@code "true"} becomes true and {@code 80.9} becomes 80. Each of those
 * would store a client's mistake instead of answering it with 400 naming the field ({@code ProblemHandler} words the
 * answer).
 */
@Component
public class StrictJson extends SimpleModule {

	public StrictJson() {
		super("parley-strict-json");
		SimpleDeserializers enums = new SimpleDeserializers() {

			@Override
			public ValueDeserializer<?> findEnumDeserializer(JavaType type, DeserializationConfig config,
					BeanDescription.Supplier description) {
				return new Constant(type.getRawClass());
			}
		};
		setDeserializers(enums);
		addDeserializer(String.class, new Text());
		addDeserializer(Boolean.class, new Flag(false));
		addDeserializer(boolean.class, new Flag(true));
		addDeserializer(Integer.class, new WholeNumber(false));
		addDeserializer(int.class, new WholeNumber(true));
	}

	/** What a null means for a primitive: refused when Jackson is told so, else its zero as Jackson does. */
	private static Object nullFor(ValueDeserializer<?> reader, boolean primitive, Object zero,
			DeserializationContext context) {
		if (primitive && context.isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)) {
			return context.reportInputMismatch(reader, "Cannot map `null` into a primitive");
		}
		return primitive ? zero : null;
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

		private final boolean primitive;

		Flag(boolean primitive) {
			this.primitive = primitive;
		}

		@Override
		public Boolean deserialize(JsonParser parser, DeserializationContext context) {
			return switch (parser.currentToken()) {
				case VALUE_TRUE -> Boolean.TRUE;
				case VALUE_FALSE -> Boolean.FALSE;
				default -> (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
			};
		}

		@Override
		public Object getNullValue(DeserializationContext context) {
			return nullFor(this, primitive, Boolean.FALSE, context);
		}
	}

	/** A JSON integer that fits an {@code int}. */
	static class WholeNumber extends ValueDeserializer<Integer> {

		private final boolean primitive;

		WholeNumber(boolean primitive) {
			this.primitive = primitive;
		}

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

		@Override
		public Object getNullValue(DeserializationContext context) {
			return nullFor(this, primitive, 0, context);
		}
	}

	/** An enum constant by its exact name, never by its index. */
	static class Constant extends ValueDeserializer<Enum<?>> {

		private final Class<?> type;

		Constant(Class<?> type) {
			this.type = type;
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

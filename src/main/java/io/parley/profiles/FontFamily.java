package io.parley.profiles;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.parley.shared.Violations;

/**
 * A CSS font-family list such as {@code "Open Sans", Arial, sans-serif}. The widget puts it into a style sheet, so
 * only letters, digits, spaces, commas, quotes and hyphens are allowed: nothing that could end the declaration.
 */
public record FontFamily(@JsonValue String value) {

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9 ,'\"-]{1,100}");
	static final String RULE = "must be 1 to 100 characters of letters, digits, spaces, commas, quotes and hyphens,"
			+ " e.g. \"Open Sans\", Arial, sans-serif";

	public FontFamily {
		if (!isValid(value)) {
			throw new IllegalArgumentException("A font family " + RULE + ", not " + value);
		}
	}

	@JsonCreator
	public static FontFamily of(String value) {
		return new FontFamily(value);
	}

	public static boolean isValid(String value) {
		return value != null && SAFE.matcher(value).matches() && !value.isBlank();
	}

	static FontFamily parse(Violations violations, String field, String value, FontFamily fallback) {
		if (value == null) {
			return fallback;
		}
		if (!isValid(value)) {
			violations.add(field, RULE);
			return null;
		}
		return new FontFamily(value);
	}

	@Override
	public String toString() {
		return value;
	}
}

package io.parley.profiles;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.parley.shared.Violations;

/**
 * A colour as {@code #RRGGBB}, nothing else: the widget writes it into CSS, so names, short forms and functions are
 * refused rather than passed through. The text is kept as given (either case).
 */
public record Color(@JsonValue String hex) {

	private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");
	static final String RULE = "must be a colour written #RRGGBB, e.g. #0B5FFF";

	public Color {
		if (!isValid(hex)) {
			throw new IllegalArgumentException("A colour " + RULE + ", not " + hex);
		}
	}

	@JsonCreator
	public static Color of(String hex) {
		return new Color(hex);
	}

	public static boolean isValid(String hex) {
		return hex != null && HEX.matcher(hex).matches();
	}

	/** The colour in {@code value}, {@code fallback} when it is null, or null with a violation on {@code field}. */
	static Color parse(Violations violations, String field, String value, Color fallback) {
		if (value == null) {
			if (fallback == null) {
				violations.add(field, "is required");
			}
			return fallback;
		}
		if (!isValid(value)) {
			violations.add(field, RULE);
			return null;
		}
		return new Color(value);
	}

	@Override
	public String toString() {
		return hex;
	}
}

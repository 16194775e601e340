package io.parley.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every rule an input breaks, with the path of the field at fault, so that one answer names all of them.
 * Aggregates use it in their factory and update methods; {@link #throwIfAny()} ends the check.
 */
public final class Violations {

	private final List<FieldViolation> list = new ArrayList<>();

	public Violations add(String field, String message) {
		list.add(new FieldViolation(field, message));
		return this;
	}

	public boolean isEmpty() {
		return list.isEmpty();
	}

	public boolean has(String field) {
		return list.stream().anyMatch(v -> v.field().equals(field));
	}

	public List<FieldViolation> list() {
		return List.copyOf(list);
	}

	/** A required text of {@code min..max} characters (Unicode code points) without NUL, which PostgreSQL cannot store. */
	public boolean text(String field, String value, int min, int max) {
		if (value == null) {
			if (min > 0) {
				add(field, "is required");
				return false;
			}
			return true;
		}
		return length(field, value, min, max);
	}

	/** An optional text: null is fine, otherwise at most {@code max} characters. */
	public boolean optionalText(String field, String value, int max) {
		return value == null || length(field, value, 0, max);
	}

	private boolean length(String field, String value, int min, int max) {
		if (value.indexOf('\u0000') >= 0) {
			add(field, "must not contain the NUL character (U+0000)");
			return false;
		}
		int length = value.codePointCount(0, value.length());
		if (min > 0 && value.isBlank()) {
			add(field, "must not be blank");
			return false;
		}
		if (length < min || length > max) {
			add(field, min == max ? "must be " + max + " characters" : "must be " + min + " to " + max + " characters long (was " + length + ")");
			return false;
		}
		return true;
	}

	public boolean matches(String field, String value, Pattern pattern, String message) {
		if (value == null || !pattern.matcher(value).matches()) {
			add(field, message);
			return false;
		}
		return true;
	}

	public boolean required(String field, Object value) {
		if (value == null) {
			add(field, "is required");
			return false;
		}
		return true;
	}

	public boolean maxSize(String field, Collection<?> values, int max) {
		if (values != null && values.size() > max) {
			add(field, "must have at most " + max + " entries (had " + values.size() + ")");
			return false;
		}
		return true;
	}

	public void throwIfAny() {
		if (!list.isEmpty()) {
			throw new InvalidInputException(list);
		}
	}
}

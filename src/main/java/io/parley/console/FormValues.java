package io.parley.console;

import java.util.Arrays;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.Violations;

/**
 * Reading what an HTML form sends, where everything is text: an empty input means "none", and a value that cannot
 * be what the input offers (a tampered select, a number field with letters) is a violation on that field, never a
 * 500. Whether a value is allowed is left to the modules.
 */
final class FormValues {

	private FormValues() {
	}

	/** The most characters a search box takes, as the API allows. */
	static final int SEARCH_MAX = 200;

	/** Refuses a search text no search box of the console would send. */
	static void checkSearch(String q) {
		Violations violations = new Violations();
		violations.optionalText("q", q, SEARCH_MAX);
		violations.throwIfAny();
	}

	/** The text, or null when the input was left empty. */
	static String optional(String value) {
		return value == null || value.isEmpty() ? null : value;
	}

	static UUID uuid(Violations violations, String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException e) {
			violations.add(field, "is not an id this console offered");
			return null;
		}
	}

	static Integer integer(Violations violations, String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException e) {
			violations.add(field, "must be a whole number");
			return null;
		}
	}

	static <E extends Enum<E>> E constant(Violations violations, String field, Class<E> type, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException e) {
			violations.add(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
			return null;
		}
	}

	/** The non-blank lines of a text area, each as typed: options and origins are entered one per line. */
	static List<String> lines(String value) {
		if (value == null) {
			return List.of();
		}
		return value.lines().map(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)
			.filter(line -> !line.isBlank())
			.toList();
	}

	/** Entries separated by commas or white space, as skills are typed: "sales, support". */
	static List<String> words(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.strip().split("[,\\s]+")).filter(word -> !word.isEmpty()).toList();
	}

	/**
	 * The record {@code type} from form texts keyed by its component paths ({@code buttonOffset.x} for a nested
	 * record): a text as typed, a number or a constant parsed, with a violation under {@code prefix} and the path for
	 * one that is not; a missing text is null.
	 */
	static <R extends Record> R record(Violations violations, String prefix, Class<R> type, Map<String, String> texts) {
		RecordComponent[] components = type.getRecordComponents();
		Object[] values = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			String path = components[i].getName();
			Class<?> component = components[i].getType();
			String text = texts.get(path);
			if (component.isRecord()) {
				Map<String, String> inner = new LinkedHashMap<>();
				texts.forEach((key, value) -> {
					if (key.startsWith(path + ".")) {
						inner.put(key.substring(path.length() + 1), value);
					}
				});
				values[i] = record(violations, prefix + path + ".", component.asSubclass(Record.class), inner);
			}
			else if (component == Integer.class) {
				values[i] = text == null ? null : integer(violations, prefix + path, text);
			}
			else if (component.isEnum()) {
				values[i] = text == null ? null : enumConstant(violations, prefix + path, component, text);
			}
			else {
				values[i] = text;
			}
		}
		try {
			return type.cast(type.getDeclaredConstructor(
					Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(values));
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException("Cannot make a " + type.getSimpleName() + " from a form", e);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object enumConstant(Violations violations, String field, Class<?> type, String text) {
		return constant(violations, field, (Class) type, text);
	}
}

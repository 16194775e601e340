package io.parley.console;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.shared.Violations;

/**
 * Reading what an HTML form sends, where everything is text: an empty input means "none", and a value that cannot
 * be what the input offers (a tampered select, a number field with letters) is a violation on that field, never a
 * 500. Whether a value is allowed is left to the modules.
 */
final class FormValues {

	private FormValues() {
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
	 * record, {@code fields[0].key} for a list of records): a text as typed, a number, a yes/no, an id or a constant
	 * parsed, with a violation under {@code prefix} and the path for one that is not; a list of texts is one per line;
	 * a missing text is null, a list of records without texts is empty.
	 */
	static <R extends Record> R record(Violations violations, String prefix, Class<R> type, Map<String, String> texts) {
		RecordComponent[] components = type.getRecordComponents();
		Object[] values = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			String path = components[i].getName();
			Class<?> component = components[i].getType();
			String text = texts.get(path);
			if (component.isRecord()) {
				values[i] = record(violations, prefix + path + ".", component.asSubclass(Record.class),
						below(texts, path + "."));
			}
			else if (component == List.class && components[i].getGenericType() instanceof ParameterizedType list
					&& list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
				values[i] = records(violations, prefix + path, element.asSubclass(Record.class), texts, path);
			}
			else if (text == null) {
				values[i] = null;
			}
			else if (component == List.class) {
				values[i] = lines(text);
			}
			else if (component == Integer.class) {
				values[i] = integer(violations, prefix + path, text);
			}
			else if (component == Boolean.class) {
				values[i] = Boolean.valueOf(text);
			}
			else if (component == UUID.class) {
				values[i] = uuid(violations, prefix + path, text);
			}
			else if (component.isEnum()) {
				values[i] = enumConstant(violations, prefix + path, component, text);
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

	/** The texts below {@code path} ({@code buttonOffset.}), keyed by the rest of their paths. */
	static Map<String, String> below(Map<String, String> texts, String path) {
		Map<String, String> inner = new LinkedHashMap<>();
		texts.forEach((key, value) -> {
			if (key.startsWith(path)) {
				inner.put(key.substring(path.length()), value);
			}
		});
		return inner;
	}

	/** The indexes the texts have below list {@code path} ({@code fields[3].key} is 3), in order. */
	static SortedSet<Integer> indexes(Map<String, String> texts, String path) {
		Pattern indexed = Pattern.compile(Pattern.quote(path) + "\\[(\\d{1,4})]\\..*");
		SortedSet<Integer> indexes = new TreeSet<>();
		for (String key : texts.keySet()) {
			Matcher matcher = indexed.matcher(key);
			if (matcher.matches()) {
				indexes.add(Integer.valueOf(matcher.group(1)));
			}
		}
		return indexes;
	}

	/** The list of records {@code path} holds, numbered from 0 in the order of their indexes. */
	private static <R extends Record> List<R> records(Violations violations, String prefix, Class<R> type,
			Map<String, String> texts, String path) {
		List<R> records = new ArrayList<>();
		for (int index : indexes(texts, path)) {
			records.add(record(violations, prefix + "[" + records.size() + "].", type,
					below(texts, path + "[" + index + "].")));
		}
		return records;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object enumConstant(Violations violations, String field, Class<?> type, String text) {
		return constant(violations, field, (Class) type, text);
	}
}

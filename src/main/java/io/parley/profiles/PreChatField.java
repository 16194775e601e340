package io.parley.profiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.parley.shared.Violations;
import io.parley.profiles.ChatProfileDraft.FieldInput;

/**
 * One question of a pre-chat form. Its {@code key} names the answer ({@code {"preChat": {"email": "…"}}}); a
 * {@code SELECT} offers one or more distinct {@code options} and no other type has any; {@code maxLength} limits
 * typed answers and is refused for types without typing.
 */
public record PreChatField(String key, String label, PreChatFieldType type, boolean required, List<String> options,
		Integer maxLength) {

	public static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
	public static final int LABEL_MAX = 200;
	public static final int OPTIONS_MAX = 50;
	public static final int OPTION_MAX = 200;
	public static final int MAX_LENGTH_LIMIT = 10_000;

	public PreChatField {
		Violations violations = new Violations();
		check(violations, "", key, label, type, options, maxLength);
		violations.throwIfAny();
		options = options == null ? List.of() : List.copyOf(options);
	}

	static PreChatField parse(Violations violations, String prefix, FieldInput in) {
		int before = violations.list().size();
		check(violations, prefix, in.key(), in.label(), in.type(), in.options(), in.maxLength());
		if (violations.list().size() > before) {
			return null;
		}
		return new PreChatField(in.key(), in.label(), in.type(), Boolean.TRUE.equals(in.required()), in.options(),
				in.maxLength());
	}

	private static void check(Violations violations, String prefix, String key, String label, PreChatFieldType type,
			List<String> options, Integer maxLength) {
		if (violations.required(prefix + "key", key)) {
			violations.matches(prefix + "key", key, KEY,
					"must start with a letter and hold only letters, digits and underscores, at most 40 characters");
		}
		violations.text(prefix + "label", label, 1, LABEL_MAX);
		violations.required(prefix + "type", type);
		checkOptions(violations, prefix + "options", type, options == null ? List.of() : options);
		if (maxLength != null) {
			if (type != null && !type.takesMaxLength()) {
				violations.add(prefix + "maxLength", "is not allowed for a " + type + " field");
			}
			else if (maxLength < 1 || maxLength > MAX_LENGTH_LIMIT) {
				violations.add(prefix + "maxLength", "must be between 1 and " + MAX_LENGTH_LIMIT);
			}
		}
	}

	private static void checkOptions(Violations violations, String path, PreChatFieldType type, List<String> options) {
		if (type != PreChatFieldType.SELECT) {
			if (type != null && !options.isEmpty()) {
				violations.add(path, "only a SELECT field has options");
			}
			return;
		}
		if (options.isEmpty()) {
			violations.add(path, "a SELECT field needs at least one option");
			return;
		}
		if (!violations.maxSize(path, options, OPTIONS_MAX)) {
			return;
		}
		Map<String, Integer> seen = new HashMap<>();
		List<String> duplicates = new ArrayList<>();
		for (int i = 0; i < options.size(); i++) {
			String option = options.get(i);
			if (!violations.text(path + "[" + i + "]", option, 1, OPTION_MAX)) {
				continue;
			}
			Integer first = seen.putIfAbsent(option, i);
			if (first != null) {
				duplicates.add("'" + option + "' at " + first + " and " + i);
			}
		}
		if (!duplicates.isEmpty()) {
			violations.add(path, "must not repeat an option: " + String.join(", ", duplicates));
		}
	}
}

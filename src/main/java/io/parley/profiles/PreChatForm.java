package io.parley.profiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.parley.shared.Violations;
import io.parley.profiles.ChatProfileDraft.FieldInput;
import io.parley.profiles.ChatProfileDraft.PreChatFormInput;

/**
 * The questions a customer answers before a V2 chat starts, in order. Keys are unique ignoring case, so that two
 * answers can never be told apart only by case.
 */
public record PreChatForm(boolean enabled, String welcomeMessage, List<PreChatField> fields) {

	public static final int WELCOME_MESSAGE_MAX = 1000;
	public static final int FIELDS_MAX = 30;

	public PreChatForm {
		Objects.requireNonNull(fields, "fields");
		Violations violations = new Violations();
		check(violations, "", welcomeMessage, fields.size());
		for (int i = 0; i < fields.size(); i++) {
			violations.required("fields[" + i + "]", fields.get(i));
		}
		violations.throwIfAny();
		checkKeys(violations, "", fields.stream().map(PreChatField::key).toList());
		violations.throwIfAny();
		fields = List.copyOf(fields);
	}

	/** The field with {@code key}, if the form has one. */
	public Optional<PreChatField> field(String key) {
		return fields.stream().filter(f -> f.key().equals(key)).findFirst();
	}

	static PreChatForm parse(Violations violations, String prefix, PreChatFormInput in) {
		int before = violations.list().size();
		List<FieldInput> inputs = in.fields() == null ? List.of() : in.fields();
		check(violations, prefix, in.welcomeMessage(), inputs.size());
		if (inputs.size() > FIELDS_MAX) {
			return null;
		}
		List<PreChatField> fields = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			String fieldPrefix = prefix + "fields[" + i + "]";
			if (violations.required(fieldPrefix, inputs.get(i))) {
				fields.add(PreChatField.parse(violations, fieldPrefix + ".", inputs.get(i)));
			}
		}
		checkKeys(violations, prefix, inputs.stream().map(f -> f == null ? null : f.key()).toList());
		if (violations.list().size() > before) {
			return null;
		}
		return new PreChatForm(in.enabled() == null || in.enabled(), in.welcomeMessage(), fields);
	}

	private static void check(Violations violations, String prefix, String welcomeMessage, int fieldCount) {
		violations.optionalText(prefix + "welcomeMessage", welcomeMessage, WELCOME_MESSAGE_MAX);
		if (fieldCount > FIELDS_MAX) {
			violations.add(prefix + "fields", "must have at most " + FIELDS_MAX + " entries (had " + fieldCount + ")");
		}
	}

	private static void checkKeys(Violations violations, String prefix, List<String> keys) {
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < keys.size(); i++) {
			String key = keys.get(i);
			if (key == null) {
				continue;
			}
			Integer first = seen.putIfAbsent(key.toLowerCase(Locale.ROOT), i);
			if (first != null) {
				violations.add(prefix + "fields[" + i + "].key", "repeats the key of fields[" + first + "] ('" + key + "')");
			}
		}
	}
}

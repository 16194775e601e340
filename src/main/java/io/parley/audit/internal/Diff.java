package io.parley.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.parley.audit.FieldChange;

/** The field-level changes between two states of an entity, each a map of dotted path to value as text. */
final class Diff {

	private Diff() {
	}

	/** A creation: every field that has a value, from nothing. */
	public static List<FieldChange> created(Map<String, String> fields) {
		return between(Map.of(), fields);
	}

	/** A deletion: every field that had a value, to nothing. */
	public static List<FieldChange> deleted(Map<String, String> fields) {
		return between(fields, Map.of());
	}

	/**
	 * The fields whose value differs, in path order; a field missing from one side counts as null there. Equal states
	 * give an empty list.
	 */
	public static List<FieldChange> between(Map<String, String> before, Map<String, String> after) {
		Map<String, String> old = before == null ? Map.of() : before;
		Map<String, String> now = after == null ? Map.of() : after;
		TreeSet<String> paths = new TreeSet<>(old.keySet());
		paths.addAll(now.keySet());
		List<FieldChange> changes = new ArrayList<>();
		for (String path : paths) {
			String oldValue = old.get(path);
			String newValue = now.get(path);
			if (!Objects.equals(oldValue, newValue)) {
				changes.add(new FieldChange(path, oldValue, newValue));
			}
		}
		return List.copyOf(changes);
	}
}

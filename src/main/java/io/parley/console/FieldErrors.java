package io.parley.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

import io.parley.shared.FieldViolation;
import io.parley.audit.AuditFields;

/**
 * The field errors of a submitted form, keyed by the dotted paths the modules name them with
 * ({@code preChatForm.fields[2].options}). Console inputs are named by the same paths, so an error lands next to
 * the input it is about without any mapping table.
 */
final class FieldErrors {

	private static final FieldErrors NONE = new FieldErrors(List.of());
	private static final Pattern INDEX = Pattern.compile("^\\[(\\d+)]");
	/**
	 * The labels of {@code messages.properties}: a setting's from its audit label ({@code audit.field.<path>}, shared
	 * with the audit history), an input that is no recorded setting from {@code field.<path>}.
	 */
	private static final ResourceBundleMessageSource MESSAGES = messages();
	private static final AuditFields SETTINGS = new AuditFields(MESSAGES);

	/** One error as the summary at the top of a form lists it: what, where to jump, and the message. */
	public record Entry(String field, String label, String anchor, String message) {
	}

	private final Map<String, List<String>> byField = new LinkedHashMap<>();

	private FieldErrors(List<FieldViolation> violations) {
		for (FieldViolation v : violations) {
			byField.computeIfAbsent(v.field(), k -> new ArrayList<>()).add(v.message());
		}
	}

	public static FieldErrors none() {
		return NONE;
	}

	public static FieldErrors of(List<FieldViolation> violations) {
		return new FieldErrors(violations);
	}

	public boolean any() {
		return !byField.isEmpty();
	}

	public int count() {
		return byField.values().stream().mapToInt(List::size).sum();
	}

	/** Whether there is an error on {@code path} or anything under it ({@code options} covers {@code options[1]}). */
	public boolean has(String path) {
		return byField.keySet().stream().anyMatch(field -> covers(path, field));
	}

	/** The messages about {@code path} and what is under it, as one text; an inner path is named before its message. */
	public String of(String path) {
		List<String> messages = new ArrayList<>();
		byField.forEach((field, list) -> {
			if (covers(path, field)) {
				String inner = field.substring(path.length());
				for (String message : list) {
					messages.add(inner.isEmpty() ? message : innerName(inner) + " " + message);
				}
			}
		});
		return String.join("; ", messages);
	}

	/** Whether there is an error on {@code path} itself, not under it. */
	public boolean hasExactly(String path) {
		return byField.containsKey(path);
	}

	/** The messages about {@code path} itself. */
	public String exactly(String path) {
		return String.join("; ", byField.getOrDefault(path, List.of()));
	}

	/** Every error, for the summary: each links to the input it is about. */
	public List<Entry> all() {
		List<Entry> entries = new ArrayList<>();
		byField.forEach((field, list) -> list
			.forEach(message -> entries.add(new Entry(field, label(field), "#" + id(anchorPath(field)), message))));
		return entries;
	}

	/** {@link #id(String)} for templates. */
	public String idOf(String path) {
		return id(path);
	}

	/** The ids an input named {@code path} is described by: its hint (when it has one) and its error (when any). */
	public String describedBy(String path, boolean hint) {
		String ids = (hint ? id(path) + "-hint " : "") + (has(path) ? id(path) + "-error" : "");
		return ids.isBlank() ? null : ids.strip();
	}

	/** The element id of the input named {@code path}: the path with its punctuation turned into dashes. */
	public static String id(String path) {
		return "f-" + path.replaceAll("[.\\[\\]]+", "-").replaceAll("-$", "");
	}

	/** A person's name for a field path: "Appearance › Primary color", "Pre-chat form › Field 3 › Label". */
	public static String label(String path) {
		String setting = SETTINGS.label(path);
		if (!setting.equals(path)) {
			return setting;
		}
		return MESSAGES.getMessage("field." + path.replaceAll("\\[\\d+]$", ""), null, path,
				LocaleContextHolder.getLocale());
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	private static String anchorPath(String field) {
		String path = field.replaceAll("\\.options\\[\\d+]$", ".options");
		if (path.matches("^(allowedOrigins|skills)\\[\\d+]$")) {
			return path.replaceAll("\\[\\d+]$", "");
		}
		return path;
	}

	private static String innerName(String inner) {
		Matcher m = INDEX.matcher(inner);
		if (m.find()) {
			return "item " + (Integer.parseInt(m.group(1)) + 1) + ":";
		}
		return inner.substring(1) + ":";
	}

	private static boolean covers(String path, String field) {
		return field.equals(path) || field.startsWith(path + ".") || field.startsWith(path + "[");
	}
}

package io.parley.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.stereotype.Component;

import io.parley.audit.internal.AuditRow;

/**
 * The audited fields as people read them, the one place that knows: each dotted path's label from
 * {@code messages.properties} ({@code audit.field.<path>}, an index written {@code []} and filled in counted from 1,
 * so {@code preChatForm.fields[2].options} reads "Pre-chat form › Field 3 › Options"), the sections the field filter
 * offers, which fields hold an image's asset id, and which sections a search text names by label. A path, or the rest
 * of one, that has no label is shown as recorded.
 */
@Component
public class AuditFields {

	static final String KEY_PREFIX = "audit.field.";

	/** Between the labels of a path's parts. */
	public static final String SEPARATOR = " › ";

	/**
	 * How many entries of a list a search by label looks at: "Field 3" finds the third entry of a list, up to this
	 * many (pre-chat forms have at most 30 fields).
	 */
	static final int INDEXES_SEARCHED = 100;

	/** One part of a path: a name with any number of indexes, {@code fields[2]}. */
	private static final Pattern PART = Pattern.compile("[A-Za-z0-9_]+((?:\\[\\d{1,9}\\])*)");
	private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");
	/** How many locales' search lists are kept at most. */
	private static final int LOCALES_KEPT = 16;

	private final MessageSource messages;
	/** The label keys without their prefix, each a path with its indexes left empty ({@code preChatForm.fields[]}). */
	private final Set<String> keys;
	private final Map<Locale, List<Node>> searchable = new ConcurrentHashMap<>();

	/** Labels from {@code messages}, for the {@code audit.field.} keys that {@code messages.properties} holds. */
	public AuditFields(MessageSource messages) {
		this.messages = messages;
		this.keys = keysOf(new ClassPathResource("messages.properties"));
	}

	/** One choice of the field filter: a field, or a section holding several ({@code appearance}). */
	public record Choice(String path, String label, boolean section) {
	}

	/**
	 * A path's label: its parts' labels joined by {@link #SEPARATOR} as far as they have one, the rest as recorded
	 * ({@code appearance.unknown} reads "Appearance › unknown"); the path itself when its first part has none.
	 */
	public String label(String path) {
		return label(path, LocaleContextHolder.getLocale());
	}

	/** Whether the path's value is the id of an uploaded image (by the records' naming: a {@code …AssetId} field). */
	public boolean isImage(String path) {
		return path.endsWith("AssetId") && PART.matcher(path.substring(path.lastIndexOf('.') + 1)).matches();
	}

	/**
	 * Whether {@code path} is in {@code section}: the section itself or a path below it, where the section is
	 * followed by a dot or an index ({@code preChatForm.fields} holds {@code preChatForm.fields[2].options}, and
	 * {@code waitingQueue} holds {@code waitingQueue.message} but not {@code waitingQueueSize}). The audit table's
	 * {@code audit_field_sections} answers the same in SQL.
	 */
	public static boolean inSection(String path, String section) {
		if (section.isEmpty() || !path.startsWith(section)) {
			return false;
		}
		if (path.length() == section.length()) {
			return true;
		}
		char next = path.charAt(section.length());
		return next == '.' || next == '[';
	}

	/** Every field and section that has a label, in label order, each list as one section. */
	public List<Choice> choices() {
		Locale locale = LocaleContextHolder.getLocale();
		List<Choice> choices = new ArrayList<>();
		for (String key : keys) {
			if (!key.contains("[]")) {
				choices.add(new Choice(key, label(key, locale), keys.stream()
					.anyMatch(other -> other.length() > key.length() && inSection(other, key))));
			}
		}
		choices.sort(Comparator.comparing(Choice::label, String.CASE_INSENSITIVE_ORDER));
		return choices;
	}

	/**
	 * The fewest sections whose every path has a label containing {@code text} (ignoring case, as search does): a
	 * section whose own label contains it stands for all below it. Lists are looked at up to
	 * {@value #INDEXES_SEARCHED} entries.
	 */
	public Set<String> sectionsLabelled(String text) {
		String wanted = AuditRow.lower(text);
		Set<String> found = new TreeSet<>();
		Locale locale = LocaleContextHolder.getLocale();
		if (searchable.size() >= LOCALES_KEPT && !searchable.containsKey(locale)) {
			// Locales come from requests' Accept-Language: keep a few, not one per header ever sent.
			searchable.clear();
		}
		for (Node node : searchable.computeIfAbsent(locale, this::nodes)) {
			if (node.label().contains(wanted) && found.stream().noneMatch(s -> inSection(node.path(), s))) {
				found.add(node.path());
			}
		}
		return found;
	}

	/** Whether a change's field reads {@code text} in its label (ignoring case, as search does). */
	boolean labelContains(String path, String lowerText) {
		return AuditRow.lower(label(path)).contains(lowerText);
	}

	private String label(String path, Locale locale) {
		String[] parts = path.split("\\.", -1);
		StringBuilder label = new StringBuilder();
		StringBuilder key = new StringBuilder();
		List<String> indexes = new ArrayList<>();
		for (int i = 0; i < parts.length; i++) {
			Matcher part = PART.matcher(parts[i]);
			String text = null;
			if (part.matches()) {
				key.append(i == 0 ? "" : ".").append(parts[i], 0, part.start(1)).append(part.group(1).replaceAll("\\d", ""));
				Matcher index = INDEX.matcher(part.group(1));
				boolean indexed = false;
				while (index.find()) {
					indexes.add(String.valueOf(Long.parseLong(index.group(1)) + 1));
					indexed = true;
				}
				// Only a part with an index of its own is a pattern: other labels are taken as written.
				text = messages.getMessage(KEY_PREFIX + key, indexed ? indexes.toArray() : null, null, locale);
			}
			if (text == null) {
				if (i == 0) {
					return path;
				}
				return label.append(SEPARATOR).append(String.join(".", List.of(parts).subList(i, parts.length)))
					.toString();
			}
			label.append(i == 0 ? "" : SEPARATOR).append(text);
		}
		return label.toString();
	}

	/**
	 * What a search by label looks through: every labelled path (each list entry up to the limit), shortest first so
	 * that a section comes before the paths below it. A key that only names a list for the filter
	 * ({@code preChatForm.fields}) is left out: the entries below it read "Field 3", not its label.
	 */
	private List<Node> nodes(Locale locale) {
		List<String> paths = new ArrayList<>();
		for (String key : keys) {
			if (keys.contains(key + "[]")) {
				continue;
			}
			List<String> expanded = List.of(key);
			while (expanded.get(0).contains("[]")) {
				List<String> next = new ArrayList<>();
				for (String path : expanded) {
					for (int i = 0; i < INDEXES_SEARCHED; i++) {
						next.add(path.replaceFirst("\\[\\]", "[" + i + "]"));
					}
				}
				expanded = next;
			}
			paths.addAll(expanded);
		}
		paths.sort(Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder()));
		return paths.stream().map(path -> new Node(path, AuditRow.lower(label(path, locale)))).toList();
	}

	private record Node(String path, String label) {
	}

	private static Set<String> keysOf(ClassPathResource resource) {
		try {
			Properties properties = PropertiesLoaderUtils.loadProperties(resource);
			Set<String> keys = new TreeSet<>();
			for (String name : properties.stringPropertyNames()) {
				if (name.startsWith(KEY_PREFIX)) {
					keys.add(name.substring(KEY_PREFIX.length()));
				}
			}
			return Set.copyOf(keys);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the field labels in " + resource, e);
		}
	}
}

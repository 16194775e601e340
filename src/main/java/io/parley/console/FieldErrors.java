package io.parley.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.FieldViolation;

/**
 * The field errors of a submitted form, keyed by the dotted paths the modules name them with
 * ({@code preChatForm.fields[2].options}). Console inputs are named by the same paths, so an error lands next to
 * the input it is about without any mapping table.
 */
final class FieldErrors {

	private static final FieldErrors NONE = new FieldErrors(List.of());
	private static final Pattern INDEX = Pattern.compile("^\\[(\\d+)]");
	private static final Pattern FIELD_INDEX = Pattern.compile("^preChatForm\\.fields\\[(\\d+)]\\.(\\w+)");
	private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("name", "Name"),
			Map.entry("description", "Description"), Map.entry("interfaceVersion", "Interface version"),
			Map.entry("appearance.primaryColor", "Primary color"),
			Map.entry("appearance.primaryTextColor", "Primary text color"),
			Map.entry("appearance.agentBubbleColor", "Agent bubble color"),
			Map.entry("appearance.agentBubbleTextColor", "Agent bubble text color"),
			Map.entry("appearance.topBarColor", "Top bar color"),
			Map.entry("appearance.topBarTextColor", "Top bar text color"),
			Map.entry("appearance.fontFamily", "Font family"), Map.entry("appearance.fontSize", "Font size"),
			Map.entry("appearance.headerTitle", "Header title"),
			Map.entry("appearance.welcomeMessage", "Welcome message"),
			Map.entry("appearance.buttonLabel", "Button label"),
			Map.entry("appearance.buttonPosition", "Button position"), Map.entry("logoAssetId", "Logo"),
			Map.entry("preChatForm", "Pre-chat form"), Map.entry("preChatForm.welcomeMessage", "Form welcome message"),
			Map.entry("preChatForm.fields", "Pre-chat fields"), Map.entry("waitingQueue", "Waiting queue"),
			Map.entry("waitingQueue.message", "Waiting message"),
			Map.entry("waitingQueue.backgroundColor", "Waiting screen background color"),
			Map.entry("waitingQueue.textColor", "Waiting screen text color"),
			Map.entry("waitingQueue.logoAssetId", "Waiting screen logo"),
			Map.entry("waitingQueue.heroImageAssetId", "Waiting screen hero image"), Map.entry("skill", "Skill"),
			Map.entry("active", "Active"), Map.entry("allowedOrigins", "Allowed origins"),
			Map.entry("chatProfileId", "Chat profile"), Map.entry("username", "Username"),
			Map.entry("displayName", "Display name"), Map.entry("password", "Password"), Map.entry("roles", "Roles"),
			Map.entry("skills", "Skills"), Map.entry("maxConcurrentChats", "Maximum concurrent chats"),
			Map.entry("file", "Image"), Map.entry("q", "Search"), Map.entry("from", "Start date"),
			Map.entry("to", "End date"), Map.entry("actor", "User"), Map.entry("field", "Field"),
			Map.entry("action", "Action"), Map.entry("cursor", "Page"));

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

	/** A person's name for a field path: "Primary color", "Pre-chat field 3: Label". */
	public static String label(String path) {
		Matcher m = FIELD_INDEX.matcher(path);
		if (m.find()) {
			String leaf = m.group(2);
			return "Pre-chat field " + (Integer.parseInt(m.group(1)) + 1) + ": "
					+ Character.toUpperCase(leaf.charAt(0)) + leaf.substring(1).replaceAll("([A-Z])", " $1").toLowerCase();
		}
		String known = LABELS.get(path);
		if (known != null) {
			return known;
		}
		String base = path.replaceAll("\\[\\d+]$", "");
		return LABELS.getOrDefault(base, path);
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

package io.parley.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.parley.shared.Violations;
import io.parley.profiles.Appearance;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileDraft;
import io.parley.profiles.ChatProfileDraft.FieldInput;
import io.parley.profiles.ChatProfileDraft.PreChatFormInput;
import io.parley.profiles.ChatProfileDraft.WaitingQueueInput;
import io.parley.profiles.InterfaceVersion;
import io.parley.profiles.PreChatField;
import io.parley.profiles.PreChatFieldType;
import io.parley.profiles.PreChatForm;

/**
 * The chat profile editor's form as the browser sends it. Every setting's input is named by its path in the API's
 * JSON ({@code appearance.primaryColor}, {@code preChatForm.fields[0].key}, {@code waitingQueue.message}), which is
 * also the path a violation names, and the form keeps it as text under that path: {@link FormValues#record} makes the
 * {@link ChatProfileDraft}'s records of them, so no setting has a property here. A checkbox sends Spring's
 * {@code _path} marker, which says "false" when it is not ticked. Sections the chosen interface version does not have
 * are kept while editing and dropped from the draft, as the editor explains.
 */
class ChatProfileForm {

	/** The settings kept by path; the rest of a request is name, description, interface version and version. */
	private static final List<String> SECTIONS = List.of("appearance.", "logoAssetId", "preChatForm.",
			"waitingQueue.");

	/** Whether the saved profile had the section at all: one it had not stays absent until something is entered. */
	private static final String PRESENT = "present";

	/** What a new pre-chat field's inputs hold. */
	private static final Map<String, String> NEW_FIELD = Map.of("key", "", "label", "", "type",
			PreChatFieldType.TEXT.name(), "required", "false", "options", "", "maxLength", "");

	/** Texts that are "none" when left empty. */
	private static final List<String> OPTIONAL = List.of("preChatForm.welcomeMessage", "waitingQueue.message");

	private int version;
	private String name = "";
	private String description = "";
	private String interfaceVersion = InterfaceVersion.V2.name();
	// Inputs a request leaves out keep the defaults, as the API's absent values do.
	private final Map<String, String> settings = new LinkedHashMap<>();

	/** A new profile's form: the default look, V2, no pre-chat form, the waiting screen off. */
	static ChatProfileForm defaults() {
		ChatProfileForm form = new ChatProfileForm();
		Appearance.DEFAULT.texts().forEach((path, text) -> form.settings.put("appearance." + path, text));
		form.settings.putAll(Map.of("logoAssetId", "", "preChatForm.enabled", "false", "preChatForm.welcomeMessage", "",
				"waitingQueue.enabled", "false", "waitingQueue.message", ""));
		form.settings.putAll(Map.of("waitingQueue.backgroundColor", "#FFFFFF", "waitingQueue.textColor", "#111111",
				"waitingQueue.logoAssetId", "", "waitingQueue.heroImageAssetId", "", "waitingQueue.showPosition", "true",
				"waitingQueue.showEstimatedWait", "true"));
		return form;
	}

	static ChatProfileForm of(ChatProfile profile) {
		ChatProfileForm form = defaults();
		form.version = profile.version();
		form.name = profile.name();
		form.description = profile.description() == null ? "" : profile.description();
		form.interfaceVersion = profile.interfaceVersion().name();
		profile.fields().forEach((path, text) -> {
			if (text != null && isSetting(path)) {
				form.settings.put(path, text);
			}
		});
		if (profile.preChatForm() != null) {
			form.settings.put("preChatForm." + PRESENT, "true");
			List<PreChatField> fields = profile.preChatForm().fields();
			for (int i = 0; i < fields.size(); i++) {
				// Options are typed one per line.
				form.settings.put("preChatForm.fields[" + i + "].options", String.join("\n", fields.get(i).options()));
			}
		}
		if (profile.waitingQueue() != null) {
			form.settings.put("waitingQueue." + PRESENT, "true");
		}
		return form;
	}

	/** Takes the settings of a submitted form by their paths; a checkbox's marker without its value is "false". */
	ChatProfileForm read(Map<String, String[]> parameters) {
		parameters.forEach((name, values) -> {
			if (isSetting(name) && values.length > 0) {
				settings.put(name, values[0]);
			}
			else if (name.startsWith("_") && isSetting(name.substring(1)) && !parameters.containsKey(name.substring(1))) {
				settings.put(name.substring(1), "false");
			}
		});
		return this;
	}

	private static boolean isSetting(String path) {
		return SECTIONS.stream().anyMatch(path::startsWith);
	}

	/**
	 * What to ask the profile module for. Values no input of this form could send are violations here; whether the
	 * rest is allowed is the module's decision.
	 */
	ChatProfileDraft draft() {
		Map<String, String> texts = new LinkedHashMap<>(settings);
		texts.put("name", name);
		texts.put("interfaceVersion", interfaceVersion);
		OPTIONAL.forEach(path -> texts.remove(path, ""));
		Violations violations = new Violations();
		// An empty colour or font is sent as typed: the module says what is wrong with it, next to the field.
		ChatProfileDraft draft = FormValues.record(violations, "", ChatProfileDraft.class, texts);
		violations.throwIfAny();
		return new ChatProfileDraft(draft.name(), FormValues.optional(description), draft.interfaceVersion(),
				draft.appearance(), draft.logoAssetId(), preChatForm(draft.preChatForm()),
				waitingQueue(draft.waitingQueue()))
			.withoutWhatItsVersionLacks();
	}

	/** The pre-chat form as entered; none when the profile had none and nothing was entered. */
	private PreChatFormInput preChatForm(PreChatFormInput form) {
		if (!present("preChatForm.") && !form.enabled() && form.fields().isEmpty() && form.welcomeMessage() == null) {
			return null;
		}
		// The editor hides options and maximum length where the type has none; what is hidden is not sent.
		return new PreChatFormInput(form.enabled(), form.welcomeMessage(), form.fields().stream()
			.map(f -> new FieldInput(f.key(), f.label(), f.type(), f.required(),
					f.type() == PreChatFieldType.SELECT ? f.options() == null ? List.of() : f.options() : null,
					f.type() != null && f.type().takesMaxLength() ? f.maxLength() : null))
			.toList());
	}

	/** The waiting screen as entered; none when the profile had none and nothing was entered. */
	private WaitingQueueInput waitingQueue(WaitingQueueInput queue) {
		boolean empty = !queue.enabled() && queue.message() == null && queue.logoAssetId() == null
				&& queue.heroImageAssetId() == null;
		return !present("waitingQueue.") && empty ? null : queue;
	}

	private boolean present(String section) {
		return "true".equals(settings.get(section + PRESENT));
	}

	/** What saving would drop, said the way the editor says it; empty when nothing would be lost. */
	List<String> dropped() {
		List<String> dropped = new ArrayList<>();
		InterfaceVersion version = FormValues.constant(new Violations(), "interfaceVersion", InterfaceVersion.class,
				interfaceVersion);
		if (version == null) {
			return dropped;
		}
		int fields = getFields().size();
		if (!version.hasPreChatForm() && ("true".equals(settings.get("preChatForm.enabled")) || fields > 0)) {
			dropped.add("the pre-chat form (" + fields + " field" + (fields == 1 ? "" : "s") + ")");
		}
		if (!version.hasWaitingQueue() && "true".equals(settings.get("waitingQueue.enabled"))) {
			dropped.add("the waiting queue screen");
		}
		if (!version.hasLogo() && !getLogoAssetId().isBlank()) {
			dropped.add("the chat window logo (V2 shows the waiting screen's own images instead)");
		}
		return dropped;
	}

	/** Adds an empty text field at the end of the pre-chat form. */
	void addField() {
		List<Map<String, String>> fields = getFields();
		if (fields.size() < PreChatForm.FIELDS_MAX) {
			Map<String, String> field = new LinkedHashMap<>(NEW_FIELD);
			field.put("key", freeKey(fields));
			fields.add(field);
			setFields(fields);
			settings.put("preChatForm.enabled", "true");
		}
	}

	void removeField(int index) {
		List<Map<String, String>> fields = getFields();
		if (index >= 0 && index < fields.size()) {
			fields.remove(index);
			setFields(fields);
		}
	}

	/** Moves field {@code index} one place up ({@code -1}) or down ({@code 1}); nothing at either end. */
	void moveField(int index, int by) {
		int target = index + by;
		List<Map<String, String>> fields = getFields();
		if (index >= 0 && index < fields.size() && target >= 0 && target < fields.size()) {
			Collections.swap(fields, index, target);
			setFields(fields);
		}
	}

	private static String freeKey(List<Map<String, String>> fields) {
		for (int n = fields.size() + 1;; n++) {
			String key = "field" + n;
			if (fields.stream().noneMatch(f -> key.equalsIgnoreCase(f.get("key")))) {
				return key;
			}
		}
	}

	/** The pre-chat form's fields in order, each its texts by the path below {@code preChatForm.fields[i].}. */
	public List<Map<String, String>> getFields() {
		List<Map<String, String>> fields = new ArrayList<>();
		for (int index : FormValues.indexes(settings, "preChatForm.fields")) {
			Map<String, String> field = new LinkedHashMap<>(NEW_FIELD);
			field.putAll(FormValues.below(settings, "preChatForm.fields[" + index + "]."));
			fields.add(field);
		}
		return fields;
	}

	private void setFields(List<Map<String, String>> fields) {
		settings.keySet().removeIf(path -> path.startsWith("preChatForm.fields["));
		for (int i = 0; i < fields.size(); i++) {
			String prefix = "preChatForm.fields[" + i + "].";
			fields.get(i).forEach((path, text) -> settings.put(prefix + path, text));
		}
	}

	/** Sets the setting at {@code path}, such as an image's id once it is stored. */
	void set(String path, String text) {
		settings.put(path, text);
	}

	public int getVersion() {
		return version;
	}

	public void setVersion(int version) {
		this.version = version;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public String getInterfaceVersion() {
		return interfaceVersion;
	}

	public void setInterfaceVersion(String interfaceVersion) {
		this.interfaceVersion = interfaceVersion;
	}

	/** The appearance texts by the path below {@code appearance.} ({@code buttonOffset.x}). */
	public Map<String, String> getAppearance() {
		return FormValues.below(settings, "appearance.");
	}

	public String getLogoAssetId() {
		return settings.getOrDefault("logoAssetId", "");
	}

	/** The pre-chat form's texts by the path below {@code preChatForm.}, its fields aside ({@link #getFields()}). */
	public Map<String, String> getPreChatForm() {
		return FormValues.below(settings, "preChatForm.");
	}

	/** The waiting screen's texts by the path below {@code waitingQueue.}. */
	public Map<String, String> getWaitingQueue() {
		return FormValues.below(settings, "waitingQueue.");
	}
}

package io.parley.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.Violations;
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
import io.parley.profiles.WaitingQueue;

/**
 * The chat profile editor's form as the browser sends it. Its properties are named like the API's JSON, so
 * {@code appearance.primaryColor} is both the input's name and the path a violation names. Sections the chosen
 * interface version does not have are kept while editing and dropped from the draft, as the editor explains.
 */
class ChatProfileForm {

	private int version;
	private String name = "";
	private String description = "";
	private String interfaceVersion = InterfaceVersion.V2.name();
	// Inputs a request leaves out keep the defaults, as the API's absent values do.
	// Keyed by the path below "appearance." (buttonOffset.x), so every appearance setting has its input without a
	// property here; ChatProfilePages reads them from the request, Spring's binder does the rest.
	private Map<String, String> appearance = new LinkedHashMap<>(Appearance.DEFAULT.texts());
	private String logoAssetId = "";
	private PreChatFields preChatForm = new PreChatFields();
	private QueueFields waitingQueue = new QueueFields();

	/** A new profile's form: the default look, V2, no pre-chat form, the waiting screen off. */
	static ChatProfileForm defaults() {
		return new ChatProfileForm();
	}

	static ChatProfileForm of(ChatProfile profile) {
		ChatProfileForm form = new ChatProfileForm();
		form.version = profile.version();
		form.name = profile.name();
		form.description = profile.description() == null ? "" : profile.description();
		form.interfaceVersion = profile.interfaceVersion().name();
		form.appearance = new LinkedHashMap<>(profile.appearance().texts());
		form.logoAssetId = text(profile.logoAssetId());
		if (profile.preChatForm() != null) {
			form.preChatForm = PreChatFields.of(profile.preChatForm());
		}
		if (profile.waitingQueue() != null) {
			form.waitingQueue = QueueFields.of(profile.waitingQueue());
		}
		return form;
	}

	/**
	 * What to ask the profile module for. Values no input of this form could send are violations here; whether the
	 * rest is allowed is the module's decision.
	 */
	ChatProfileDraft draft() {
		Violations violations = new Violations();
		InterfaceVersion chosen = FormValues.constant(violations, "interfaceVersion", InterfaceVersion.class,
				interfaceVersion);
		// An empty colour or font is sent as typed: the module says what is wrong with it, next to the field.
		Appearance.Input appearanceInput = FormValues.record(violations, "appearance.", Appearance.Input.class,
				appearance);
		UUID logo = FormValues.uuid(violations, "logoAssetId", logoAssetId);
		PreChatFormInput form = preChatForm.input(violations);
		WaitingQueueInput queue = waitingQueue.input(violations);
		violations.throwIfAny();
		return new ChatProfileDraft(name, FormValues.optional(description), chosen, appearanceInput, logo, form, queue)
			.withoutWhatItsVersionLacks();
	}

	/** What saving would drop, said the way the editor says it; empty when nothing would be lost. */
	List<String> dropped() {
		List<String> dropped = new ArrayList<>();
		InterfaceVersion version = FormValues.constant(new Violations(), "interfaceVersion", InterfaceVersion.class,
				interfaceVersion);
		if (version == null) {
			return dropped;
		}
		if (!version.hasPreChatForm() && (preChatForm.enabled || !preChatForm.fields.isEmpty())) {
			dropped.add("the pre-chat form (" + preChatForm.fields.size() + " field"
					+ (preChatForm.fields.size() == 1 ? "" : "s") + ")");
		}
		if (!version.hasWaitingQueue() && waitingQueue.enabled) {
			dropped.add("the waiting queue screen");
		}
		if (!version.hasLogo() && !logoAssetId.isBlank()) {
			dropped.add("the chat window logo (V2 shows the waiting screen's own images instead)");
		}
		return dropped;
	}

	/** Adds an empty text field at the end of the pre-chat form. */
	void addField() {
		if (preChatForm.fields.size() < PreChatForm.FIELDS_MAX) {
			FieldFields field = new FieldFields();
			field.key = freeKey();
			preChatForm.fields.add(field);
			preChatForm.enabled = true;
		}
	}

	void removeField(int index) {
		if (index >= 0 && index < preChatForm.fields.size()) {
			preChatForm.fields.remove(index);
		}
	}

	/** Moves field {@code index} one place up ({@code -1}) or down ({@code 1}); nothing at either end. */
	void moveField(int index, int by) {
		int target = index + by;
		List<FieldFields> fields = preChatForm.fields;
		if (index >= 0 && index < fields.size() && target >= 0 && target < fields.size()) {
			Collections.swap(fields, index, target);
		}
	}

	private String freeKey() {
		for (int n = preChatForm.fields.size() + 1;; n++) {
			String key = "field" + n;
			if (preChatForm.fields.stream().noneMatch(f -> key.equalsIgnoreCase(f.key))) {
				return key;
			}
		}
	}

	private static String text(Object value) {
		return value == null ? "" : value.toString();
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

	public Map<String, String> getAppearance() {
		return appearance;
	}

	/** Takes the appearance inputs of a submitted form ({@code appearance.primaryColor}); others keep their values. */
	ChatProfileForm readAppearance(Map<String, String[]> parameters) {
		parameters.forEach((name, values) -> {
			if (name.startsWith("appearance.") && values.length > 0) {
				appearance.put(name.substring("appearance.".length()), values[0]);
			}
		});
		return this;
	}

	public String getLogoAssetId() {
		return logoAssetId;
	}

	public void setLogoAssetId(String logoAssetId) {
		this.logoAssetId = logoAssetId == null ? "" : logoAssetId;
	}

	public PreChatFields getPreChatForm() {
		return preChatForm;
	}

	public void setPreChatForm(PreChatFields preChatForm) {
		this.preChatForm = preChatForm;
	}

	public QueueFields getWaitingQueue() {
		return waitingQueue;
	}

	public void setWaitingQueue(QueueFields waitingQueue) {
		this.waitingQueue = waitingQueue;
	}

	/** The pre-chat form inputs; {@code present} tells whether the saved profile had a form at all. */
	static class PreChatFields {

		private boolean present;
		private boolean enabled;
		private String welcomeMessage = "";
		private List<FieldFields> fields = new ArrayList<>();

		static PreChatFields of(PreChatForm form) {
			PreChatFields f = new PreChatFields();
			f.present = true;
			f.enabled = form.enabled();
			f.welcomeMessage = form.welcomeMessage() == null ? "" : form.welcomeMessage();
			f.fields = new ArrayList<>(form.fields().stream().map(FieldFields::of).toList());
			return f;
		}

		PreChatFormInput input(Violations violations) {
			if (!present && !enabled && fields.isEmpty() && welcomeMessage.isEmpty()) {
				return null;
			}
			List<FieldInput> inputs = new ArrayList<>();
			for (int i = 0; i < fields.size(); i++) {
				FieldFields field = fields.get(i);
				inputs.add(field == null ? null : field.input(violations, "preChatForm.fields[" + i + "]."));
			}
			return new PreChatFormInput(enabled, FormValues.optional(welcomeMessage), inputs);
		}

		public boolean isPresent() {
			return present;
		}

		public void setPresent(boolean present) {
			this.present = present;
		}

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getWelcomeMessage() {
			return welcomeMessage;
		}

		public void setWelcomeMessage(String welcomeMessage) {
			this.welcomeMessage = welcomeMessage == null ? "" : welcomeMessage;
		}

		public List<FieldFields> getFields() {
			return fields;
		}

		public void setFields(List<FieldFields> fields) {
			this.fields = fields == null ? new ArrayList<>() : fields;
		}
	}

	/** One pre-chat field's inputs; options are typed one per line. */
	static class FieldFields {

		private String key = "";
		private String label = "";
		private String type = PreChatFieldType.TEXT.name();
		private boolean required;
		private String options = "";
		private String maxLength = "";

		static FieldFields of(PreChatField field) {
			FieldFields f = new FieldFields();
			f.key = field.key();
			f.label = field.label();
			f.type = field.type().name();
			f.required = field.required();
			f.options = String.join("\n", field.options());
			f.maxLength = field.maxLength() == null ? "" : field.maxLength().toString();
			return f;
		}

		FieldInput input(Violations violations, String prefix) {
			PreChatFieldType chosen = FormValues.constant(violations, prefix + "type", PreChatFieldType.class, type);
			Integer max = FormValues.integer(violations, prefix + "maxLength", maxLength);
			// The editor hides options and maximum length where the type has none; what is hidden is not sent.
			return new FieldInput(key, label, chosen, required,
					chosen == PreChatFieldType.SELECT ? FormValues.lines(options) : null,
					chosen != null && chosen.takesMaxLength() ? max : null);
		}

		public String getKey() {
			return key;
		}

		public void setKey(String key) {
			this.key = key;
		}

		public String getLabel() {
			return label;
		}

		public void setLabel(String label) {
			this.label = label;
		}

		public String getType() {
			return type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public boolean isRequired() {
			return required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

		public String getOptions() {
			return options;
		}

		public void setOptions(String options) {
			this.options = options == null ? "" : options;
		}

		public String getMaxLength() {
			return maxLength;
		}

		public void setMaxLength(String maxLength) {
			this.maxLength = maxLength == null ? "" : maxLength;
		}
	}

	/** The waiting queue screen inputs; {@code present} tells whether the saved profile had the screen at all. */
	static class QueueFields {

		private boolean present;
		private boolean enabled;
		private String message = "";
		private String backgroundColor = "#FFFFFF";
		private String textColor = "#111111";
		private String logoAssetId = "";
		private String heroImageAssetId = "";
		private boolean showPosition = true;
		private boolean showEstimatedWait = true;

		static QueueFields of(WaitingQueue queue) {
			QueueFields f = new QueueFields();
			f.present = true;
			f.enabled = queue.enabled();
			f.message = queue.message() == null ? "" : queue.message();
			f.backgroundColor = queue.backgroundColor().hex();
			f.textColor = queue.textColor().hex();
			f.logoAssetId = text(queue.logoAssetId());
			f.heroImageAssetId = text(queue.heroImageAssetId());
			f.showPosition = queue.showPosition();
			f.showEstimatedWait = queue.showEstimatedWait();
			return f;
		}

		WaitingQueueInput input(Violations violations) {
			UUID logo = FormValues.uuid(violations, "waitingQueue.logoAssetId", logoAssetId);
			UUID hero = FormValues.uuid(violations, "waitingQueue.heroImageAssetId", heroImageAssetId);
			if (!present && !enabled && message.isEmpty() && logo == null && hero == null) {
				return null;
			}
			return new WaitingQueueInput(enabled, FormValues.optional(message), backgroundColor, textColor, logo, hero,
					showPosition, showEstimatedWait);
		}

		public boolean isPresent() {
			return present;
		}

		public void setPresent(boolean present) {
			this.present = present;
		}

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getMessage() {
			return message;
		}

		public void setMessage(String message) {
			this.message = message == null ? "" : message;
		}

		public String getBackgroundColor() {
			return backgroundColor;
		}

		public void setBackgroundColor(String backgroundColor) {
			this.backgroundColor = backgroundColor;
		}

		public String getTextColor() {
			return textColor;
		}

		public void setTextColor(String textColor) {
			this.textColor = textColor;
		}

		public String getLogoAssetId() {
			return logoAssetId;
		}

		public void setLogoAssetId(String logoAssetId) {
			this.logoAssetId = logoAssetId == null ? "" : logoAssetId;
		}

		public String getHeroImageAssetId() {
			return heroImageAssetId;
		}

		public void setHeroImageAssetId(String heroImageAssetId) {
			this.heroImageAssetId = heroImageAssetId == null ? "" : heroImageAssetId;
		}

		public boolean isShowPosition() {
			return showPosition;
		}

		public void setShowPosition(boolean showPosition) {
			this.showPosition = showPosition;
		}

		public boolean isShowEstimatedWait() {
			return showEstimatedWait;
		}

		public void setShowEstimatedWait(boolean showEstimatedWait) {
			this.showEstimatedWait = showEstimatedWait;
		}
	}
}

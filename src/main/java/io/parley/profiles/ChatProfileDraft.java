package io.parley.profiles;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The settings of a chat profile, declared once: the API's JSON (read and written), the console's inputs, the audit
 * history's field paths and the stored document are all derived from these records and the value records they
 * become ({@link Appearance}, {@link PreChatForm}, {@link WaitingQueue}).
 * <p>
 * What a client asks a chat profile to be, unchecked: {@link ChatProfile#create} and {@link ChatProfile#update} check
 * it and name every field at fault. Absent appearance values take the defaults of {@link Appearance#DEFAULT}.
 */
@JsonIgnoreProperties({ "id", "version", "createdAt", "createdBy", "updatedAt", "updatedBy" })
public record ChatProfileDraft(String name, String description, InterfaceVersion interfaceVersion,
		Appearance.Input appearance, UUID logoAssetId, PreChatFormInput preChatForm, WaitingQueueInput waitingQueue) {

	/** The pre-chat form as sent; {@code enabled} absent means enabled, since the form was sent. */
	public record PreChatFormInput(Boolean enabled, String welcomeMessage, List<FieldInput> fields) {
	}

	/** One pre-chat form field as sent; {@code required} absent means optional. */
	public record FieldInput(String key, String label, PreChatFieldType type, Boolean required, List<String> options,
			Integer maxLength) {
	}

	/** The waiting queue screen as sent; {@code enabled} absent means enabled, since the screen was sent. */
	public record WaitingQueueInput(Boolean enabled, String message, String backgroundColor, String textColor,
			UUID logoAssetId, UUID heroImageAssetId, Boolean showPosition, Boolean showEstimatedWait) {
	}

	/**
	 * This draft without the sections its interface version does not have (a V1 profile's pre-chat form and waiting
	 * screen, a V2 profile's logo): what an editor that keeps them while one switches versions saves.
	 */
	public ChatProfileDraft withoutWhatItsVersionLacks() {
		if (interfaceVersion == null) {
			return this;
		}
		return new ChatProfileDraft(name, description, interfaceVersion, appearance,
				interfaceVersion.hasLogo() ? logoAssetId : null, interfaceVersion.hasPreChatForm() ? preChatForm : null,
				interfaceVersion.hasWaitingQueue() ? waitingQueue : null);
	}

	/** The draft that would leave {@code profile} as it is: a starting point for editing it. */
	public static ChatProfileDraft of(ChatProfile profile) {
		return ProfileJson.MAPPER.convertValue(profile, ChatProfileDraft.class);
	}
}

package io.parley.profiles;

import java.util.List;
import java.util.UUID;

/**
 * What a client asks a chat profile to be, unchecked: {@link ChatProfile#create} and {@link ChatProfile#update} check
 * it and name every field at fault. Absent appearance values take the defaults of {@link Appearance#DEFAULT}.
 */
public record ChatProfileDraft(String name, String description, InterfaceVersion interfaceVersion,
		AppearanceInput appearance, UUID logoAssetId, PreChatFormInput preChatForm, WaitingQueueInput waitingQueue) {

	/** The appearance as sent; every value may be absent. */
	public record AppearanceInput(String primaryColor, String primaryTextColor, String agentBubbleColor,
			String agentBubbleTextColor, String topBarColor, String topBarTextColor, String fontFamily,
			FontSize fontSize, String headerTitle, String welcomeMessage, String buttonLabel,
			ButtonPosition buttonPosition) {

		static final AppearanceInput NONE = new AppearanceInput(null, null, null, null, null, null, null, null, null,
				null, null, null);
	}

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

	/** The draft that would leave {@code profile} as it is: a starting point for editing it. */
	public static ChatProfileDraft of(ChatProfile profile) {
		Appearance a = profile.appearance();
		AppearanceInput appearance = new AppearanceInput(a.primaryColor().hex(), a.primaryTextColor().hex(),
				a.agentBubbleColor().hex(), a.agentBubbleTextColor().hex(), a.topBarColor().hex(),
				a.topBarTextColor().hex(), a.fontFamily().value(), a.fontSize(), a.headerTitle(), a.welcomeMessage(),
				a.buttonLabel(), a.buttonPosition());
		PreChatForm f = profile.preChatForm();
		PreChatFormInput form = f == null ? null : new PreChatFormInput(f.enabled(), f.welcomeMessage(),
				f.fields().stream()
					.map(x -> new FieldInput(x.key(), x.label(), x.type(), x.required(), x.options(), x.maxLength()))
					.toList());
		WaitingQueue q = profile.waitingQueue();
		WaitingQueueInput queue = q == null ? null : new WaitingQueueInput(q.enabled(), q.message(),
				q.backgroundColor().hex(), q.textColor().hex(), q.logoAssetId(), q.heroImageAssetId(), q.showPosition(),
				q.showEstimatedWait());
		return new ChatProfileDraft(profile.name(), profile.description(), profile.interfaceVersion(), appearance,
				profile.logoAssetId(), form, queue);
	}
}

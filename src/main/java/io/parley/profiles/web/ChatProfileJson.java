package io.parley.profiles.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.parley.profiles.Appearance;
import io.parley.profiles.ButtonPosition;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileDraft;
import io.parley.profiles.FontSize;
import io.parley.profiles.InterfaceVersion;
import io.parley.profiles.PreChatField;
import io.parley.profiles.PreChatFieldType;
import io.parley.profiles.PreChatForm;
import io.parley.profiles.WaitingQueue;

/** The JSON of a chat profile as API.md shows it: what a client sends, and what it gets back. */
final class ChatProfileJson {

	private ChatProfileJson() {
	}

	/** A profile as sent; the read-only fields of a profile that was read are ignored, so it can be sent back. */
	@JsonIgnoreProperties({ "id", "version", "createdAt", "createdBy", "updatedAt", "updatedBy" })
	record ProfileRequest(
			String name,
			String description,
			InterfaceVersion interfaceVersion,
			AppearanceJson appearance,
			UUID logoAssetId,
			PreChatFormRequest preChatForm,
			WaitingQueueRequest waitingQueue) {

		ChatProfileDraft draft() {
			return new ChatProfileDraft(name, description, interfaceVersion,
					appearance == null ? null : appearance.input(), logoAssetId,
					preChatForm == null ? null : preChatForm.input(), waitingQueue == null ? null : waitingQueue.input());
		}
	}

	record AppearanceJson(
			String primaryColor,
			String primaryTextColor,
			String agentBubbleColor,
			String agentBubbleTextColor,
			String topBarColor,
			String topBarTextColor,
			String fontFamily,
			FontSize fontSize,
			String headerTitle,
			String welcomeMessage,
			String buttonLabel,
			ButtonPosition buttonPosition) {

		ChatProfileDraft.AppearanceInput input() {
			return new ChatProfileDraft.AppearanceInput(primaryColor, primaryTextColor, agentBubbleColor,
					agentBubbleTextColor, topBarColor, topBarTextColor, fontFamily, fontSize, headerTitle,
					welcomeMessage, buttonLabel, buttonPosition);
		}

		static AppearanceJson of(Appearance a) {
			return new AppearanceJson(a.primaryColor().hex(), a.primaryTextColor().hex(), a.agentBubbleColor().hex(),
					a.agentBubbleTextColor().hex(), a.topBarColor().hex(), a.topBarTextColor().hex(),
					a.fontFamily().value(), a.fontSize(), a.headerTitle(), a.welcomeMessage(), a.buttonLabel(),
					a.buttonPosition());
		}
	}

	record PreChatFormRequest(
			Boolean enabled,
			String welcomeMessage,
			List<FieldRequest> fields) {

		ChatProfileDraft.PreChatFormInput input() {
			return new ChatProfileDraft.PreChatFormInput(enabled, welcomeMessage, fields == null ? null
					: fields.stream().map(f -> f == null ? null : f.input()).toList());
		}
	}

	record FieldRequest(
			String key,
			String label,
			PreChatFieldType type,
			Boolean required,
			List<String> options,
			Integer maxLength) {

		ChatProfileDraft.FieldInput input() {
			return new ChatProfileDraft.FieldInput(key, label, type, required, options, maxLength);
		}
	}

	record WaitingQueueRequest(
			Boolean enabled,
			String message,
			String backgroundColor,
			String textColor,
			UUID logoAssetId,
			UUID heroImageAssetId,
			Boolean showPosition,
			Boolean showEstimatedWait) {

		ChatProfileDraft.WaitingQueueInput input() {
			return new ChatProfileDraft.WaitingQueueInput(enabled, message, backgroundColor, textColor, logoAssetId,
					heroImageAssetId, showPosition, showEstimatedWait);
		}
	}

	/** The body of {@code POST /{id}/copy}. */
	record CopyRequest(String name) {
	}

	record ProfileResponse(UUID id, String name, String description, InterfaceVersion interfaceVersion,
			AppearanceJson appearance, UUID logoAssetId, PreChatFormResponse preChatForm,
			WaitingQueueResponse waitingQueue, int version, Instant createdAt, String createdBy, Instant updatedAt,
			String updatedBy) {

		static ProfileResponse of(ChatProfile p) {
			return new ProfileResponse(p.id(), p.name(), p.description(), p.interfaceVersion(),
					AppearanceJson.of(p.appearance()), p.logoAssetId(), PreChatFormResponse.of(p.preChatForm()),
					WaitingQueueResponse.of(p.waitingQueue()), p.version(), p.createdAt(), p.createdBy(),
					p.updatedAt(), p.updatedBy());
		}
	}

	record PreChatFormResponse(boolean enabled, String welcomeMessage, List<FieldResponse> fields) {

		static PreChatFormResponse of(PreChatForm form) {
			return form == null ? null : new PreChatFormResponse(form.enabled(), form.welcomeMessage(),
					form.fields().stream().map(FieldResponse::of).toList());
		}
	}

	record FieldResponse(String key, String label, PreChatFieldType type, boolean required, List<String> options,
			Integer maxLength) {

		static FieldResponse of(PreChatField f) {
			return new FieldResponse(f.key(), f.label(), f.type(), f.required(), f.options(), f.maxLength());
		}
	}

	record WaitingQueueResponse(boolean enabled, String message, String backgroundColor, String textColor,
			UUID logoAssetId, UUID heroImageAssetId, boolean showPosition, boolean showEstimatedWait) {

		static WaitingQueueResponse of(WaitingQueue q) {
			return q == null ? null : new WaitingQueueResponse(q.enabled(), q.message(), q.backgroundColor().hex(),
					q.textColor().hex(), q.logoAssetId(), q.heroImageAssetId(), q.showPosition(),
					q.showEstimatedWait());
		}
	}
}

package io.parley.profiles;

import java.time.Instant;
import java.util.Objects;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.parley.shared.Violations;
import io.parley.accounts.Actor;
import io.parley.shared.InvalidInputException;

/**
 * The look and behaviour of the Customer Chat Interface, holding the rules between its parts: a V1 profile may have
 * a header logo but no pre-chat form or waiting queue screen, a V2 profile the reverse. It is immutable; a change
 * makes a new version through {@link #update}.
 */
public record ChatProfile(UUID id, @JsonIgnore UUID tenantId, String name, String description, InterfaceVersion interfaceVersion,
		Appearance appearance, UUID logoAssetId, PreChatForm preChatForm, WaitingQueue waitingQueue, int version,
		Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

	public static final int NAME_MAX = 100;
	public static final int DESCRIPTION_MAX = 1000;

	public ChatProfile {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(appearance, "appearance");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		Violations violations = new Violations();
		checkOwnFields(violations, name, description, interfaceVersion);
		if (interfaceVersion != null) {
			checkVersionRules(violations, interfaceVersion, logoAssetId != null,
					preChatForm != null && preChatForm.enabled(), waitingQueue != null && waitingQueue.enabled());
		}
		violations.throwIfAny();
	}

	/**
	 * A new profile as {@code draft} asks, or an {@code InvalidInputException} naming every field at fault.
	 * {@code assetExists} tells whether an image id belongs to the actor's tenant.
	 */
	public static ChatProfile create(UUID id, Actor actor, ChatProfileDraft draft, Predicate<UUID> assetExists,
			Instant now) {
		Settings settings = Settings.of(draft, assetExists);
		return new ChatProfile(id, actor.tenantId(), settings.name, settings.description, settings.interfaceVersion,
				settings.appearance, settings.logoAssetId, settings.preChatForm, settings.waitingQueue, 1, now,
				actor.username(), now, actor.username());
	}

	/** This profile changed to what {@code draft} asks (everything is replaced), as its next version. */
	public ChatProfile update(ChatProfileDraft draft, Predicate<UUID> assetExists, Actor actor, Instant now) {
		Settings settings = Settings.of(draft, assetExists);
		return new ChatProfile(id, tenantId, settings.name, settings.description, settings.interfaceVersion,
				settings.appearance, settings.logoAssetId, settings.preChatForm, settings.waitingQueue, version + 1,
				createdAt, createdBy, now, actor.username());
	}

	/** A profile as it was stored: its settings read back through the checks of {@link #create}, images as stored. */
	static ChatProfile restore(UUID id, UUID tenantId, ChatProfileDraft draft, int version, Instant createdAt,
			String createdBy, Instant updatedAt, String updatedBy) {
		Settings settings = Settings.of(draft, asset -> true);
		return new ChatProfile(id, tenantId, settings.name, settings.description, settings.interfaceVersion,
				settings.appearance, settings.logoAssetId, settings.preChatForm, settings.waitingQueue, version,
				createdAt, createdBy, updatedAt, updatedBy);
	}

	/** A new profile with this one's settings under another name. */
	public ChatProfile copy(UUID newId, String newName, Actor actor, Instant now) {
		Violations violations = new Violations();
		checkOwnFields(violations, newName, description, interfaceVersion);
		violations.throwIfAny();
		return new ChatProfile(newId, tenantId, newName, description, interfaceVersion, appearance, logoAssetId,
				preChatForm, waitingQueue, 1, now, actor.username(), now, actor.username());
	}

	/** Whether {@code other} says exactly what this profile says, apart from identity, version and history. */
	public boolean hasSameSettingsAs(ChatProfile other) {
		return name.equals(other.name) && Objects.equals(description, other.description)
				&& interfaceVersion == other.interfaceVersion && appearance.equals(other.appearance)
				&& Objects.equals(logoAssetId, other.logoAssetId) && Objects.equals(preChatForm, other.preChatForm)
				&& Objects.equals(waitingQueue, other.waitingQueue);
	}

	/** Whether customers see a pre-chat form before the chat starts (only a version with the form asks). */
	public boolean asksPreChatQuestions() {
		return interfaceVersion.hasPreChatForm() && preChatForm != null && preChatForm.enabled();
	}

	/** Whether customers see the waiting queue screen while they wait. */
	public boolean showsWaitingQueue() {
		return waitingQueue != null && waitingQueue.enabled();
	}

	/**
	 * Every setting by its dotted path ({@code appearance.primaryColor}, {@code preChatForm.fields[1].label}) with its
	 * value as text, null for none; booleans are {@code true}/{@code false}, options a JSON array. This is what the
	 * events carry for the audit history.
	 */
	public SortedMap<String, String> fields() {
		return ProfileJson.fields(this, ChatProfileDraft.class);
	}

	/** A setting whose value differs between two profiles: its path, this profile's value and the other's. */
	public record Difference(String field, String value, String otherValue) {
	}

	/** The settings {@code other} has otherwise than this profile, by path as {@link #fields()} names them. */
	public List<Difference> differences(ChatProfile other) {
		SortedMap<String, String> mine = fields();
		SortedMap<String, String> theirs = other.fields();
		SortedSet<String> paths = new TreeSet<>(mine.keySet());
		paths.addAll(theirs.keySet());
		return paths.stream()
			.filter(path -> !Objects.equals(mine.get(path), theirs.get(path)))
			.map(path -> new Difference(path, mine.get(path), theirs.get(path)))
			.toList();
	}

	private static void checkOwnFields(Violations violations, String name, String description,
			InterfaceVersion interfaceVersion) {
		violations.text("name", name, 1, NAME_MAX);
		violations.optionalText("description", description, DESCRIPTION_MAX);
		violations.required("interfaceVersion", interfaceVersion);
	}

	private static void checkVersionRules(Violations violations, InterfaceVersion version, boolean hasLogo,
			boolean formEnabled, boolean queueEnabled) {
		if (formEnabled && !version.hasPreChatForm()) {
			violations.add("preChatForm", "a V1 profile has no pre-chat form: leave it out, disable it or use V2");
		}
		if (queueEnabled && !version.hasWaitingQueue()) {
			violations.add("waitingQueue", "a V1 profile has no waiting queue screen: leave it out, disable it or use V2");
		}
		if (hasLogo && !version.hasLogo()) {
			violations.add("logoAssetId",
					"a V2 profile has no logo in the chat window: leave it out (the waiting queue screen has its own)");
		}
	}

	private static void checkAsset(Violations violations, String field, UUID assetId, Predicate<UUID> assetExists) {
		if (assetId != null && !violations.has(field) && !assetExists.test(assetId)) {
			violations.add(field, "is not an uploaded image of this tenant");
		}
	}

	/** A draft checked as a whole, so that one answer names every field at fault. */
	private record Settings(String name, String description, InterfaceVersion interfaceVersion, Appearance appearance,
			UUID logoAssetId, PreChatForm preChatForm, WaitingQueue waitingQueue) {

		static Settings of(ChatProfileDraft draft, Predicate<UUID> assetExists) {
			Violations violations = new Violations();
			checkOwnFields(violations, draft.name(), draft.description(), draft.interfaceVersion());
			Appearance appearance = Appearance.parse(violations, "appearance.", draft.appearance());
			PreChatForm form = draft.preChatForm() == null ? null
					: PreChatForm.parse(violations, "preChatForm.", draft.preChatForm());
			WaitingQueue queue = draft.waitingQueue() == null ? null
					: WaitingQueue.parse(violations, "waitingQueue.", draft.waitingQueue());
			if (draft.interfaceVersion() != null) {
				checkVersionRules(violations, draft.interfaceVersion(), draft.logoAssetId() != null,
						draft.preChatForm() != null && !Boolean.FALSE.equals(draft.preChatForm().enabled()),
						draft.waitingQueue() != null && !Boolean.FALSE.equals(draft.waitingQueue().enabled()));
			}
			checkAsset(violations, "logoAssetId", draft.logoAssetId(), assetExists);
			if (draft.waitingQueue() != null) {
				checkAsset(violations, "waitingQueue.logoAssetId", draft.waitingQueue().logoAssetId(), assetExists);
				checkAsset(violations, "waitingQueue.heroImageAssetId", draft.waitingQueue().heroImageAssetId(),
						assetExists);
			}
			violations.throwIfAny();
			return new Settings(draft.name(), draft.description(), draft.interfaceVersion(), appearance,
					draft.logoAssetId(), form, queue);
		}
	}
}

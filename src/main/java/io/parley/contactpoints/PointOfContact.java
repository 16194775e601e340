package io.parley.contactpoints;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.parley.shared.Violations;
import io.parley.accounts.Actor;
import io.parley.shared.InvalidInputException;

/**
 * An entry point customers start chats from: its skill queue, whether it takes chats, the sites that may embed it
 * (none listed: any) and at most one chat profile (none: the built-in default look). Immutable; every change makes
 * the next version.
 */
public record PointOfContact(UUID id, UUID tenantId, String name, String description, String skill, boolean active,
		List<Origin> allowedOrigins, UUID chatProfileId, int version, Instant createdAt, String createdBy,
		Instant updatedAt, String updatedBy) {

	public static final int NAME_MAX = 100;
	public static final int DESCRIPTION_MAX = 1000;
	public static final int ORIGINS_MAX = 50;
	public static final Pattern SKILL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

	public PointOfContact {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(allowedOrigins, "allowedOrigins");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		Violations violations = new Violations();
		checkOwnFields(violations, name, description, skill);
		violations.maxSize("allowedOrigins", allowedOrigins, ORIGINS_MAX);
		violations.throwIfAny();
		allowedOrigins = List.copyOf(allowedOrigins);
	}

	/**
	 * A new point of contact as {@code draft} asks, or an {@code InvalidInputException} naming every field at fault.
	 * {@code profileExists} tells whether a chat profile id belongs to the actor's tenant.
	 */
	public static PointOfContact create(UUID id, Actor actor, PointOfContactDraft draft, Predicate<UUID> profileExists,
			Instant now) {
		List<Origin> origins = check(draft, profileExists);
		return new PointOfContact(id, actor.tenantId(), draft.name(), draft.description(), draft.skill(),
				draft.active() == null || draft.active(), origins, draft.chatProfileId(), 1, now, actor.username(), now,
				actor.username());
	}

	/** This point of contact changed to what {@code draft} asks (everything is replaced), as its next version. */
	public PointOfContact update(PointOfContactDraft draft, Predicate<UUID> profileExists, Actor actor, Instant now) {
		List<Origin> origins = check(draft, profileExists);
		return new PointOfContact(id, tenantId, draft.name(), draft.description(), draft.skill(),
				draft.active() == null || draft.active(), origins, draft.chatProfileId(), version + 1, createdAt,
				createdBy, now, actor.username());
	}

	/**
	 * This point of contact with chat profile {@code profileId} (null: none), as its next version; itself when it
	 * has that profile already. A point of contact with another profile is moved: it has one profile at most.
	 */
	public PointOfContact withChatProfile(UUID profileId, Actor actor, Instant now) {
		if (Objects.equals(profileId, chatProfileId)) {
			return this;
		}
		return new PointOfContact(id, tenantId, name, description, skill, active, allowedOrigins, profileId,
				version + 1, createdAt, createdBy, now, actor.username());
	}

	/** Which pages may embed this point of contact. */
	public AllowedOrigins originPolicy() {
		return AllowedOrigins.of(allowedOrigins);
	}

	/** Whether a page with this {@code Origin} header may embed this point of contact. */
	public boolean allowsOrigin(String originHeader) {
		return originPolicy().allows(originHeader);
	}

	/** Whether {@code other} has the same own fields (everything but the chat profile, identity and history). */
	public boolean hasSameFieldsAs(PointOfContact other) {
		return fields().equals(other.fields());
	}

	/**
	 * The own fields by name with their values as text ({@code allowedOrigins} as a JSON array), as the events carry
	 * them; the chat profile has events of its own.
	 */
	public SortedMap<String, String> fields() {
		SortedMap<String, String> fields = new TreeMap<>();
		fields.put("name", name);
		fields.put("description", description);
		fields.put("skill", skill);
		fields.put("active", String.valueOf(active));
		fields.put("allowedOrigins", jsonArray(allowedOrigins.stream().map(Origin::value).toList()));
		return fields;
	}

	private static List<Origin> check(PointOfContactDraft draft, Predicate<UUID> profileExists) {
		Violations violations = new Violations();
		checkOwnFields(violations, draft.name(), draft.description(), draft.skill());
		List<Origin> origins = new ArrayList<>();
		List<String> texts = draft.allowedOrigins() == null ? List.of() : draft.allowedOrigins();
		if (violations.maxSize("allowedOrigins", texts, ORIGINS_MAX)) {
			Map<Origin, Integer> seen = new HashMap<>();
			for (int i = 0; i < texts.size(); i++) {
				String field = "allowedOrigins[" + i + "]";
				Origin origin = Origin.parse(violations, field, texts.get(i));
				if (origin == null) {
					continue;
				}
				Integer first = seen.putIfAbsent(origin, i);
				if (first != null) {
					violations.add(field, "repeats allowedOrigins[" + first + "] (" + origin + ")");
				}
				origins.add(origin);
			}
		}
		if (draft.chatProfileId() != null && !profileExists.test(draft.chatProfileId())) {
			violations.add("chatProfileId", "is not a chat profile of this tenant");
		}
		violations.throwIfAny();
		return origins;
	}

	private static void checkOwnFields(Violations violations, String name, String description, String skill) {
		violations.text("name", name, 1, NAME_MAX);
		violations.optionalText("description", description, DESCRIPTION_MAX);
		if (violations.required("skill", skill)) {
			violations.matches("skill", skill, SKILL,
					"must be 1 to 40 lower-case letters, digits, '_' or '-', starting with a letter or digit");
		}
	}

	private static String jsonArray(List<String> values) {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < values.size(); i++) {
			// origins hold no quotes, backslashes or control characters: Origin refuses them
			json.append(i == 0 ? "" : ",").append('"').append(values.get(i)).append('"');
		}
		return json.append(']').toString();
	}
}

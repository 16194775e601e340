package io.parley.profiles;

import java.util.SortedMap;
import java.util.UUID;

import io.parley.accounts.Actor;

/**
 * A chat profile was created. {@code fields} holds every field by its dotted path
 * ({@code appearance.primaryColor}, {@code preChatForm.fields[1].label}) with its value as text (null for none).
 */
public record ChatProfileCreated(UUID tenantId, UUID profileId, String name, SortedMap<String, String> fields,
		Actor actor) {
}

package io.parley.profiles;

import java.util.SortedMap;
import java.util.UUID;

import io.parley.accounts.Actor;

/** A chat profile was deleted; {@code fields} holds its last state by dotted path. */
public record ChatProfileDeleted(UUID tenantId, UUID profileId, String name, SortedMap<String, String> fields,
		Actor actor) {
}

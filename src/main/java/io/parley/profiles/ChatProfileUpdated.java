package io.parley.profiles;

import java.util.SortedMap;
import java.util.UUID;

import io.parley.accounts.Actor;

/** A chat profile was changed; {@code before} and {@code after} hold every field by dotted path, as in {@link ChatProfileCreated}. */
public record ChatProfileUpdated(UUID tenantId, UUID profileId, String name, SortedMap<String, String> before,
		SortedMap<String, String> after, Actor actor) {
}

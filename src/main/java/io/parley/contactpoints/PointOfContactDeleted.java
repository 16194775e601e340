package io.parley.contactpoints;

import java.util.SortedMap;
import java.util.UUID;

import io.parley.accounts.Actor;

/** A point of contact was deleted; {@code fields} holds its fields by name with their values as text. */
public record PointOfContactDeleted(UUID tenantId, UUID pointOfContactId, String name, SortedMap<String, String> fields,
		Actor actor) {
}

package io.parley.contactpoints;

import java.util.SortedMap;
import java.util.UUID;

import io.parley.accounts.Actor;

/**
 * A point of contact's own fields were changed (not its chat profile: that is {@link ChatProfileAssigned} and
 * {@link ChatProfileUnassigned}); {@code before} and {@code after} hold its fields by name.
 */
public record PointOfContactUpdated(UUID tenantId, UUID pointOfContactId, String name, SortedMap<String, String> before,
		SortedMap<String, String> after, Actor actor) {
}

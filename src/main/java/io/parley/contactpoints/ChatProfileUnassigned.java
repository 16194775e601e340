package io.parley.contactpoints;

import java.util.UUID;

import io.parley.accounts.Actor;

/** A point of contact lost its chat profile and now shows the built-in default look. */
public record ChatProfileUnassigned(UUID tenantId, UUID pointOfContactId, String pointOfContactName, UUID profileId,
		String profileName, Actor actor) {
}

package io.parley.contactpoints;

import java.util.UUID;

import io.parley.accounts.Actor;

/**
 * A point of contact got a chat profile. When it had another one before ({@code previousProfileId} not null), it was
 * moved: the previous profile lost it.
 */
public record ChatProfileAssigned(UUID tenantId, UUID pointOfContactId, String pointOfContactName, UUID profileId,
		String profileName, UUID previousProfileId, String previousProfileName, Actor actor) {
}

package io.parley.profiles;

import java.util.UUID;

import io.parley.accounts.Actor;
import io.parley.shared.ConflictException;

/**
 * A chat profile is about to be deleted, inside the deleting transaction. A listener that must keep the profile
 * (points of contact still use it) throws a {@code ConflictException}, which stops the deletion.
 */
public record ChatProfileDeleting(UUID tenantId, UUID profileId, String name, Actor actor) {
}

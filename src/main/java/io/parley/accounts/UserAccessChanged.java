package io.parley.accounts;

import java.util.UUID;

/**
 * A user was changed (password, roles, enabled, name) or deleted: whatever was verified about how they log in or what
 * they may do no longer holds. Published inside the changing transaction.
 */
public record UserAccessChanged(UUID tenantId, UUID userId) {
}

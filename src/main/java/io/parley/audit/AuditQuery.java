package io.parley.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What to look for in one tenant's audit history; every criterion but the tenant and the time range is optional (null).
 *
 * @param tenantId the caller's tenant: nothing of another tenant is ever read
 * @param entityType only this kind of entity
 * @param entityId only this entity
 * @param text case-insensitive text in a field change: its path, its label ({@link AuditFields}), its old or new
 * value, or the names of the actor who made it; a row matches when one of its changes does
 * @param actor only changes by this user name (ignoring case)
 * @param field only rows that changed a field in this section: the dotted path itself or any path below it
 * ({@code waitingQueue} selects {@code waitingQueue.message}, {@code preChatForm.fields} selects
 * {@code preChatForm.fields[2].options})
 * @param action only this action
 * @param from rows at or after this instant
 * @param to rows at or before this instant
 */
public record AuditQuery(UUID tenantId, AuditedEntityType entityType, UUID entityId, String text, String actor,
		String field, AuditAction action, Instant from, Instant to) {

	public AuditQuery {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
	}
}

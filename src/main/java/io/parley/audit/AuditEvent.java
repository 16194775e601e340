package io.parley.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of the audit history as the API shows it: who ({@code actor} is the user name, {@code actorName} the display
 * name at the time) did what to which entity, and the fields that changed.
 */
public record AuditEvent(UUID id, Instant occurredAt, String actor, String actorName, AuditAction action,
		AuditedEntityType entityType, UUID entityId, String entityName, List<FieldChange> changes) {

	public AuditEvent {
		changes = List.copyOf(changes);
	}
}

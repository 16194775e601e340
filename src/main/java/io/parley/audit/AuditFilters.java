package io.parley.audit.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

import io.parley.ListPage;
import io.parley.Violations;
import io.parley.audit.AuditAction;
import io.parley.audit.AuditQuery;
import io.parley.audit.AuditedEntityType;

/**
 * The query parameters of the audit lists, as sent: each is checked here so that a 400 names the parameters at
 * fault. {@code from} and {@code to} default to the last 30 days.
 */
record AuditFilters(String q, String actor, String field, String action, String from, String to, String limit,
		String cursor, String entityType, String entityId) {

	static final Duration DEFAULT_RANGE = Duration.ofDays(30);

	/** The query of one entity's history. */
	AuditQuery forEntity(UUID tenantId, AuditedEntityType type, UUID id, Instant now) {
		return query(tenantId, type, id, now, new Violations());
	}

	/** The tenant-wide query, which may name an entity type and id itself. */
	AuditQuery forTenant(UUID tenantId, Instant now) {
		Violations violations = new Violations();
		AuditedEntityType type = null;
		if (present(entityType)) {
			type = parseEnum(AuditedEntityType.class, "entityType", entityType, violations);
		}
		UUID id = null;
		if (present(entityId)) {
			try {
				id = UUID.fromString(entityId.strip());
			}
			catch (IllegalArgumentException e) {
				violations.add("entityId", "must be a UUID");
			}
		}
		return query(tenantId, type, id, now, violations);
	}

	int pageSize() {
		if (!present(limit)) {
			return ListPage.limit(null);
		}
		try {
			return ListPage.limit(Integer.valueOf(limit.strip()));
		}
		catch (NumberFormatException e) {
			return ListPage.limit(-1);
		}
	}

	private AuditQuery query(UUID tenantId, AuditedEntityType type, UUID id, Instant now, Violations violations) {
		AuditAction parsedAction = present(action) ? parseEnum(AuditAction.class, "action", action, violations) : null;
		Instant parsedFrom = instant("from", from, violations);
		Instant parsedTo = instant("to", to, violations);
		if (present(q)) {
			violations.text("q", q, 1, 200);
		}
		if (present(actor)) {
			violations.text("actor", actor, 1, 200);
		}
		if (present(field)) {
			violations.text("field", field, 1, 500);
		}
		if (!violations.has("to") && !violations.has("from")) {
			if (parsedTo == null) {
				parsedTo = parsedFrom != null && parsedFrom.isAfter(now) ? parsedFrom : now;
			}
			if (parsedFrom == null) {
				parsedFrom = parsedTo.minus(DEFAULT_RANGE);
			}
			if (parsedFrom.isAfter(parsedTo)) {
				violations.add("from", "must not be after to (" + parsedTo + ")");
			}
		}
		violations.throwIfAny();
		return new AuditQuery(tenantId, type, id, present(q) ? q : null, present(actor) ? actor : null,
				present(field) ? field : null, parsedAction, parsedFrom, parsedTo);
	}

	private static Instant instant(String name, String value, Violations violations) {
		if (!present(value)) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			violations.add(name, "must be an ISO-8601 instant such as 2026-11-25T10:15:30Z");
			return null;
		}
	}

	private static <E extends Enum<E>> E parseEnum(Class<E> type, String name, String value, Violations violations) {
		try {
			return Enum.valueOf(type, value.strip());
		}
		catch (IllegalArgumentException e) {
			violations.add(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
			return null;
		}
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}
}

package io.parley.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import io.parley.Violations;
import io.parley.audit.AuditAction;
import io.parley.audit.AuditQuery;
import io.parley.audit.AuditedEntityType;

/**
 * The filters of an audit history page as the browser sends them: dates are whole days in UTC (a start date from
 * its first microsecond, an end date to its last), the default being the last 30 days up to today.
 */
record AuditFilterForm(String q, String from, String to, String actor, String field, String action, String type) {

	static final int DEFAULT_DAYS = 30;

	AuditFilterForm {
		q = q == null ? "" : q;
		from = from == null ? "" : from;
		to = to == null ? "" : to;
		actor = actor == null ? "" : actor;
		field = field == null ? "" : field;
		action = action == null ? "" : action;
		type = type == null ? "" : type;
	}

	/** The first day shown: the start date, or 30 days before the end date. */
	String fromOrDefault(LocalDate today) {
		return from.isBlank() ? end(today).minusDays(DEFAULT_DAYS).toString() : from;
	}

	String toOrDefault(LocalDate today) {
		return to.isBlank() ? today.toString() : to;
	}

	/** The query of these filters; {@code entityType} and {@code entityId} given for one entity's history. */
	AuditQuery query(UUID tenantId, AuditedEntityType entityType, UUID entityId, LocalDate today) {
		Violations violations = new Violations();
		violations.optionalText("q", q, FormValues.SEARCH_MAX);
		violations.optionalText("actor", actor, 200);
		violations.optionalText("field", field, 500);
		LocalDate start = day(violations, "from", fromOrDefault(today));
		LocalDate end = day(violations, "to", toOrDefault(today));
		AuditAction chosenAction = FormValues.constant(violations, "action", AuditAction.class, action);
		AuditedEntityType chosenType = entityType != null ? entityType
				: FormValues.constant(violations, "type", AuditedEntityType.class, type);
		if (start != null && end != null && start.isAfter(end)) {
			violations.add("from", "must not be after the end date");
		}
		violations.throwIfAny();
		Instant fromInstant = start.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant toInstant = end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1_000);
		return new AuditQuery(tenantId, chosenType, entityId, blankToNull(q), blankToNull(actor), blankToNull(field),
				chosenAction, fromInstant, toInstant);
	}

	/** Whether any filter differs from the defaults, so that "Reset" means something. */
	boolean any() {
		return !(q.isBlank() && from.isBlank() && to.isBlank() && actor.isBlank() && field.isBlank() && action.isBlank()
				&& type.isBlank());
	}

	private LocalDate end(LocalDate today) {
		try {
			return to.isBlank() ? today : LocalDate.parse(to);
		}
		catch (DateTimeParseException e) {
			return today;
		}
	}

	private static LocalDate day(Violations violations, String name, String value) {
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			violations.add(name, "must be a date such as 2026-11-25");
			return null;
		}
	}

	private static String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}
}

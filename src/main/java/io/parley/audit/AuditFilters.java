package io.parley.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

import io.parley.shared.ListPage;
import io.parley.shared.Violations;
import io.parley.shared.InvalidInputException;

/**
 * The filters of an audit list as a client sends them (the API's query parameters, the console's filter form), all
 * text: {@link AuditLog#query} checks each, so that a 400 names the ones at fault, and fills in the defaults.
 * {@code from} and {@code to} are ISO instants or dates, a date meaning its whole day in UTC (a start date from its
 * first microsecond, an end date to its last); {@code to} defaults to now and {@code from} to 30 days before
 * {@code to} (before the start of its day, for an end date). {@code limit} is the page size, 50 when absent.
 */
public record AuditFilters(String q, String actor, String field, String action, String from, String to, String limit,
		String entityType, String entityId) {

	/** How far back a list goes when it is not told where to start. */
	public static final Duration DEFAULT_RANGE = Duration.ofDays(30);

	/** These filters narrowed to one entity's history, whatever entity they named. */
	public AuditFilters about(AuditedEntityType type, UUID id) {
		return new AuditFilters(q, actor, field, action, from, to, limit, type.name(), id.toString());
	}

	/** The page size asked for, checked: 1..500, 50 when absent. */
	public int pageSize() {
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

	/** The query of these filters in {@code tenantId} at {@code now}, or an {@code InvalidInputException}. */
	AuditQuery query(UUID tenantId, Instant now) {
		Violations violations = new Violations();
		AuditedEntityType type = present(entityType)
				? parseEnum(AuditedEntityType.class, "entityType", entityType, violations) : null;
		UUID id = null;
		if (present(entityId)) {
			try {
				id = UUID.fromString(entityId.strip());
			}
			catch (IllegalArgumentException e) {
				violations.add("entityId", "must be a UUID");
			}
		}
		AuditAction parsedAction = present(action) ? parseEnum(AuditAction.class, "action", action, violations) : null;
		Instant parsedFrom = instant("from", from, false, violations);
		Instant parsedTo = instant("to", to, true, violations);
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
				parsedFrom = day(to) == null ? parsedTo.minus(DEFAULT_RANGE)
						: day(to).minusDays(DEFAULT_RANGE.toDays()).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			if (parsedFrom.isAfter(parsedTo)) {
				violations.add("from", "must not be after the end date (to)");
			}
		}
		violations.throwIfAny();
		return new AuditQuery(tenantId, type, id, present(q) ? q : null, present(actor) ? actor : null,
				present(field) ? field : null, parsedAction, parsedFrom, parsedTo);
	}

	/** The instant of {@code value}: an instant, or the first (or with {@code end}, last) microsecond of a date. */
	private static Instant instant(String name, String value, boolean end, Violations violations) {
		if (!present(value)) {
			return null;
		}
		LocalDate day = day(value);
		if (day != null) {
			return end ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1_000)
					: day.atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			violations.add(name, "must be a date such as 2026-11-25 or an ISO-8601 instant such as 2026-11-25T10:15:30Z");
			return null;
		}
	}

	/** The date {@code value} is, or null when it is none (absent, an instant, or not a date at all). */
	private static LocalDate day(String value) {
		if (!present(value)) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
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

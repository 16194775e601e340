package io.parley.audit.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import io.parley.audit.AuditAction;
import io.parley.audit.AuditedEntityType;
import io.parley.audit.FieldChange;

/**
 * An audit row with everything its hash covers. Times are kept to the microsecond, as PostgreSQL stores them, so that
 * a row read back hashes to the same value as the row written.
 */
public record AuditRow(UUID tenantId, long seq, UUID id, Instant occurredAt, AuditedEntityType entityType, UUID entityId,
		String entityName, AuditAction action, UUID actorId, String actor, String actorName, List<FieldChange> changes) {

	public AuditRow {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(entityType, "entityType");
		Objects.requireNonNull(entityId, "entityId");
		Objects.requireNonNull(action, "action");
		occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
		entityName = entityName == null ? "" : entityName;
		actor = actor == null ? "" : actor;
		actorName = actorName == null ? "" : actorName;
		changes = List.copyOf(changes);
	}

	/** Reads the changes of a row of audit_event, stored as three arrays of the same length (a null value is missing). */
	public static List<FieldChange> changes(ResultSet rs) throws SQLException {
		String[] fields = strings(rs.getArray("fields"));
		String[] olds = strings(rs.getArray("old_values"));
		String[] news = strings(rs.getArray("new_values"));
		List<FieldChange> changes = new ArrayList<>(fields.length);
		for (int i = 0; i < fields.length; i++) {
			changes.add(new FieldChange(fields[i], i < olds.length ? olds[i] : null, i < news.length ? news[i] : null));
		}
		return changes;
	}

	private static String[] strings(Array array) throws SQLException {
		return array == null ? new String[0] : (String[]) array.getArray();
	}

	public long occurredAtMicros() {
		return micros(occurredAt);
	}

	public static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	public String[] fields() {
		return changes.stream().map(FieldChange::field).toArray(String[]::new);
	}

	public String[] oldValues() {
		return changes.stream().map(FieldChange::oldValue).toArray(String[]::new);
	}

	public String[] newValues() {
		return changes.stream().map(FieldChange::newValue).toArray(String[]::new);
	}

	/**
	 * The text that free-text search looks in, lower-cased here (not by the database's locale) exactly as the query
	 * text is, one item a line so that a search does not straddle two values by accident.
	 */
	public String searchText() {
		StringBuilder text = new StringBuilder();
		text.append(entityName).append('\n').append(actor).append('\n').append(actorName);
		for (FieldChange change : changes) {
			text.append('\n').append(change.field());
			if (change.oldValue() != null) {
				text.append('\n').append(change.oldValue());
			}
			if (change.newValue() != null) {
				text.append('\n').append(change.newValue());
			}
		}
		return lower(text.toString());
	}

	/** Lower case the way search text and queries agree on. */
	public static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}
}

package io.parley.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.parley.accounts.Actor;
import io.parley.audit.AuditAction;
import io.parley.audit.AuditedEntityType;
import io.parley.audit.FieldChange;

/**
 * Appends rows to a tenant's audit chain inside the caller's transaction. The tenant's chain head is locked while
 * appending, so rows get consecutive {@code seq} numbers, each hash covers the previous one, and times never go
 * backwards within a tenant (a row is at least a microsecond after the one before), which makes time order the chain
 * order.
 */
public class AuditWriter {

	private final JdbcTemplate jdbc;
	private final AuditPartitions partitions;
	private final Clock clock;

	public AuditWriter(JdbcTemplate jdbc, AuditPartitions partitions, Clock clock) {
		this.jdbc = jdbc;
		this.partitions = partitions;
		this.clock = clock;
	}

	/** What one audit row says, before it has its place in the chain. */
	public record Entry(AuditedEntityType entityType, UUID entityId, String entityName, AuditAction action,
			List<FieldChange> changes) {
	}

	/**
	 * Appends the entries, in order, as rows of {@code tenantId}'s chain authored by {@code actor}; must run inside
	 * the transaction of the change, so that the change and its rows commit or roll back together.
	 */
	public List<AuditRow> append(UUID tenantId, Actor actor, List<Entry> entries) {
		if (entries.isEmpty()) {
			return List.of();
		}
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Audit rows are written in the transaction of the change they record:"
					+ " publish the event inside a transaction");
		}
		Head head = jdbc.queryForObject("insert into audit_chain_head (tenant_id, seq, hash) values (?, 0, ?)"
				+ " on conflict (tenant_id) do update set seq = audit_chain_head.seq"
				+ " returning seq, hash, last_occurred_at",
				(rs, n) -> new Head(rs.getLong("seq"), rs.getBytes("hash"),
						rs.getObject("last_occurred_at", OffsetDateTime.class)),
				tenantId, ChainHash.GENESIS);
		long seq = head.seq();
		byte[] previous = head.hash();
		Instant last = head.lastOccurredAt() == null ? Instant.MIN : head.lastOccurredAt().toInstant();
		List<AuditRow> rows = new ArrayList<>(entries.size());
		for (Entry entry : entries) {
			Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
			Instant at = now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS);
			partitions.ensureFor(at);
			seq++;
			AuditRow row = new AuditRow(tenantId, seq, UUID.randomUUID(), at, entry.entityType(), entry.entityId(),
					entry.entityName(), entry.action(), actor == null ? null : actor.userId(),
					actor == null ? "system" : actor.username(), actor == null ? "System" : actor.displayName(),
					entry.changes());
			byte[] hash = ChainHash.of(row, previous);
			jdbc.update("insert into audit_event (tenant_id, occurred_at, id, seq, entity_type, entity_id, entity_name,"
					+ " action, actor_id, actor, actor_name, fields, old_values, new_values, search_text, prev_hash, hash)"
					+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					row.tenantId(), OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.id(), row.seq(),
					row.entityType().name(), row.entityId(), row.entityName(), row.action().name(), row.actorId(),
					row.actor(), row.actorName(), row.fields(), row.oldValues(), row.newValues(), row.searchText(),
					previous, hash);
			rows.add(row);
			previous = hash;
			last = at;
		}
		jdbc.update("update audit_chain_head set seq = ?, hash = ?, last_occurred_at = ? where tenant_id = ?", seq,
				previous, OffsetDateTime.ofInstant(last, ZoneOffset.UTC), tenantId);
		return rows;
	}

	private record Head(long seq, byte[] hash, OffsetDateTime lastOccurredAt) {
	}
}

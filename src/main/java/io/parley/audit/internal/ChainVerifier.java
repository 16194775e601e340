package io.parley.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.audit.AuditAction;
import io.parley.audit.AuditedEntityType;
import io.parley.audit.ChainVerification;
import io.parley.audit.ChainVerification.BrokenRow;
import io.parley.database.LongRunning;

/**
 * Walks a tenant's audit chain in order and recomputes every hash. The rows are streamed from one snapshot (a
 * read-only repeatable-read transaction with a fetch size), so memory stays constant however long the chain is, and
 * without the database timeout of interactive requests, which would cut a long chain short.
 */
public class ChainVerifier {

	private final JdbcTemplate streaming;
	private final TransactionTemplate snapshot;

	public ChainVerifier(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(1_000);
		this.snapshot = new TransactionTemplate(transactionManager);
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	public ChainVerification verify(UUID tenantId) {
		return LongRunning.call(() -> snapshot.execute(status -> {
			Link anchor = link("select seq, hash from audit_chain_anchor where tenant_id = ?", tenantId);
			Link head = link("select seq, hash from audit_chain_head where tenant_id = ?", tenantId);
			Link start = anchor == null ? new Link(0, ChainHash.GENESIS) : anchor;
			Link end = head == null ? start : head;
			return streaming.query("select tenant_id, seq, id, occurred_at, entity_type, entity_id, entity_name, action,"
					+ " actor_id, actor, actor_name, fields, old_values, new_values, prev_hash, hash"
					+ " from audit_event where tenant_id = ? order by occurred_at, seq", rs -> {
						return walk(rs, start, end);
					}, tenantId);
		}));
	}

	private static ChainVerification walk(ResultSet rs, Link start, Link end) throws SQLException {
		long checked = 0;
		long expected = start.seq() + 1;
		byte[] previous = start.hash();
		AuditRow last = null;
		while (rs.next()) {
			AuditRow row = row(rs);
			checked++;
			if (row.seq() != expected) {
				String reason = row.seq() > expected
						? "seq " + row.seq() + " where " + expected + " was expected: " + (row.seq() - expected)
								+ " row(s) before it are missing"
						: "seq " + row.seq() + " where " + expected + " was expected: the row is out of order or repeated";
				return broken(checked, row, reason);
			}
			if (!Arrays.equals(rs.getBytes("prev_hash"), previous)) {
				return broken(checked, row, "its previous hash does not match the hash of the row before it");
			}
			byte[] hash = ChainHash.of(row, previous);
			if (!Arrays.equals(hash, rs.getBytes("hash"))) {
				return broken(checked, row, "its content does not match its hash: the row was changed");
			}
			previous = hash;
			expected++;
			last = row;
		}
		if (expected - 1 != end.seq()) {
			String reason = expected - 1 < end.seq()
					? "the chain head is at seq " + end.seq() + " but the log ends at seq " + (expected - 1)
							+ ": the rows after it are missing"
					: "the log goes on past the chain head at seq " + end.seq();
			return last == null
					? new ChainVerification(false, checked, new BrokenRow(null, null, expected, reason))
					: broken(checked, last, reason);
		}
		if (!Arrays.equals(previous, end.hash())) {
			String reason = "the last row's hash does not match the chain head";
			return last == null
					? new ChainVerification(false, checked, new BrokenRow(null, null, end.seq(), reason))
					: broken(checked, last, reason);
		}
		return new ChainVerification(true, checked, null);
	}

	private static ChainVerification broken(long checked, AuditRow row, String reason) {
		return new ChainVerification(false, checked, new BrokenRow(row.id(), row.occurredAt(), row.seq(), reason));
	}

	private Link link(String sql, UUID tenantId) {
		List<Link> links = streaming.query(sql, (rs, n) -> new Link(rs.getLong("seq"), rs.getBytes("hash")), tenantId);
		return links.isEmpty() ? null : links.get(0);
	}

	/** Reads the hashed content of an audit row. */
	public static AuditRow row(ResultSet rs) throws SQLException {
		return new AuditRow(rs.getObject("tenant_id", UUID.class), rs.getLong("seq"), rs.getObject("id", UUID.class),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				AuditedEntityType.valueOf(rs.getString("entity_type")), rs.getObject("entity_id", UUID.class),
				rs.getString("entity_name"), AuditAction.valueOf(rs.getString("action")),
				rs.getObject("actor_id", UUID.class), rs.getString("actor"), rs.getString("actor_name"),
				AuditRow.changes(rs));
	}

	private record Link(long seq, byte[] hash) {
	}
}

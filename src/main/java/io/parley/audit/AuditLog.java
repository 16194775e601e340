package io.parley.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.InvalidInputException;
import io.parley.ListPage;
import io.parley.audit.internal.AuditRow;
import io.parley.audit.internal.ChainVerifier;

/**
 * Reads one tenant's audit history: filtered pages newest first with keyset cursors over {@code (occurred_at, id)},
 * a streamed export of every match, an entity's created/modified summary, and verification of the hash chain. Every
 * query is scoped to the tenant given.
 */
@Service
public class AuditLog {

	private static final String COLUMNS = "id, occurred_at, actor, actor_name, action, entity_type, entity_id,"
			+ " entity_name, fields, old_values, new_values";

	private final NamedParameterJdbcTemplate jdbc;
	private final NamedParameterJdbcTemplate streaming;
	private final TransactionTemplate readOnly;
	private final ChainVerifier verifier;

	public AuditLog(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		JdbcTemplate fetching = new JdbcTemplate(dataSource);
		// With a fetch size inside a transaction, the PostgreSQL driver reads through a cursor instead of all at once.
		fetching.setFetchSize(1_000);
		this.streaming = new NamedParameterJdbcTemplate(fetching);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.verifier = new ChainVerifier(dataSource, transactionManager);
	}

	/** One page of matches, newest first; {@code cursor} is a {@code nextCursor} of an earlier page or null. */
	public ListPage<AuditEvent> search(AuditQuery query, String cursor, int limit) {
		Position after = Position.decode(cursor);
		MapSqlParameterSource params = new MapSqlParameterSource();
		StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from audit_event");
		where(query, params, sql);
		if (after != null) {
			sql.append(" and (occurred_at, id) < (:afterAt, :afterId)");
			params.addValue("afterAt", OffsetDateTime.ofInstant(after.occurredAt(), ZoneOffset.UTC));
			params.addValue("afterId", after.id());
		}
		sql.append(" order by occurred_at desc, id desc limit :limit");
		params.addValue("limit", limit + 1);
		List<AuditEvent> rows = jdbc.query(sql.toString(), params, (rs, n) -> event(rs));
		return ListPage.of(rows, limit, e -> new Position(e.occurredAt(), e.id()).key());
	}

	/**
	 * Streams every match, newest first, to {@code sink} from one read-only transaction, a thousand rows at a time:
	 * memory stays constant whatever the number of rows.
	 */
	public void export(AuditQuery query, Consumer<AuditEvent> sink) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from audit_event");
		where(query, params, sql);
		sql.append(" order by occurred_at desc, id desc");
		readOnly.executeWithoutResult(status -> streaming.query(sql.toString(), params, rs -> {
			sink.accept(event(rs));
		}));
	}

	/** Who created the entity and when, and who changed it last and when; nulls when it has no rows in the tenant. */
	public AuditSummary summary(UUID tenantId, AuditedEntityType type, UUID entityId) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("tenant", tenantId)
			.addValue("entityId", entityId)
			.addValue("type", type.name());
		// A tenant's rows never share a microsecond, so occurred_at alone orders them; that lets the oldest-first
		// scan stop at the first month that has the CREATED row.
		String where = " from audit_event where tenant_id = :tenant and entity_id = :entityId and entity_type = :type";
		List<Object[]> created = jdbc.query("select actor, occurred_at" + where
				+ " and action = 'CREATED' order by occurred_at limit 1", params, AuditLog::actorAndTime);
		List<Object[]> modified = jdbc.query("select actor, occurred_at" + where
				+ " order by occurred_at desc, id desc limit 1", params, AuditLog::actorAndTime);
		return new AuditSummary(created.isEmpty() ? null : (String) created.get(0)[0],
				created.isEmpty() ? null : (Instant) created.get(0)[1],
				modified.isEmpty() ? null : (String) modified.get(0)[0],
				modified.isEmpty() ? null : (Instant) modified.get(0)[1]);
	}

	/** Checks a cursor without using it: a 400 naming {@code cursor} when it is not one that {@link #search} made. */
	public static void checkCursor(String cursor) {
		Position.decode(cursor);
	}

	/** Walks the tenant's whole hash chain; see {@link ChainVerification}. */
	public ChainVerification verify(UUID tenantId) {
		return verifier.verify(tenantId);
	}

	/**
	 * Only the predicates a query needs, so that each combination gets the plan its index was made for; every value
	 * is a bind parameter.
	 */
	private static void where(AuditQuery query, MapSqlParameterSource params, StringBuilder sql) {
		sql.append(" where tenant_id = :tenant and occurred_at >= :from and occurred_at <= :to");
		params.addValue("tenant", query.tenantId());
		params.addValue("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
		params.addValue("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
		if (query.entityId() != null) {
			sql.append(" and entity_id = :entityId");
			params.addValue("entityId", query.entityId());
		}
		if (query.entityType() != null) {
			sql.append(" and entity_type = :entityType");
			params.addValue("entityType", query.entityType().name());
		}
		if (query.actor() != null) {
			sql.append(" and lower(actor) = lower(:actor)");
			params.addValue("actor", query.actor());
		}
		if (query.field() != null) {
			sql.append(" and fields @> array[cast(:field as text)]");
			params.addValue("field", query.field());
		}
		if (query.action() != null) {
			sql.append(" and action = :action");
			params.addValue("action", query.action().name());
		}
		if (query.text() != null && !query.text().isEmpty()) {
			sql.append(" and search_text like :pattern");
			params.addValue("pattern", "%" + likeEscaped(AuditRow.lower(query.text())) + "%");
		}
	}

	/** The text with LIKE's wildcards and escape character taken literally (backslash is PostgreSQL's default escape). */
	static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static Object[] actorAndTime(ResultSet rs, int n) throws SQLException {
		return new Object[] { rs.getString("actor"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant() };
	}

	private static AuditEvent event(ResultSet rs) throws SQLException {
		String[] fields = strings(rs.getArray("fields"));
		String[] olds = strings(rs.getArray("old_values"));
		String[] news = strings(rs.getArray("new_values"));
		List<FieldChange> changes = new ArrayList<>(fields.length);
		for (int i = 0; i < fields.length; i++) {
			changes.add(new FieldChange(fields[i], i < olds.length ? olds[i] : null, i < news.length ? news[i] : null));
		}
		return new AuditEvent(rs.getObject("id", UUID.class), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("actor"), rs.getString("actor_name"), AuditAction.valueOf(rs.getString("action")),
				AuditedEntityType.valueOf(rs.getString("entity_type")), rs.getObject("entity_id", UUID.class),
				rs.getString("entity_name"), changes);
	}

	private static String[] strings(Array array) throws SQLException {
		return array == null ? new String[0] : (String[]) array.getArray();
	}

	/** A keyset position: the time (to the microsecond) and id of the last row of a page. */
	record Position(Instant occurredAt, UUID id) {

		String key() {
			return AuditRow.micros(occurredAt) + "_" + id;
		}

		static Position decode(String cursor) {
			String key = ListPage.decodeCursor(cursor);
			if (key == null) {
				return null;
			}
			int separator = key.indexOf('_');
			try {
				long micros = Long.parseLong(key.substring(0, separator));
				Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
						Math.floorMod(micros, 1_000_000L) * 1_000L);
				return new Position(at, UUID.fromString(key.substring(separator + 1)));
			}
			catch (RuntimeException e) {
				throw new InvalidInputException("cursor", "is not a cursor this API handed out");
			}
		}
	}
}

package io.parley.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.shared.ListPage;
import io.parley.accounts.Actor;
import io.parley.audit.internal.AuditRow;
import io.parley.audit.internal.ChainVerifier;
import io.parley.database.LongRunning;

/**
 * Reads one tenant's audit history: filtered pages newest first with keyset cursors over {@code (occurred_at, id)},
 * a streamed export of every match, an entity's created/modified summary, and verification of the hash chain. Every
 * query is scoped to the tenant given.
 */
@Service
public class AuditLog {

	/** The name of the audit list in its cursors: every audit list, of a profile, a point of contact or the tenant. */
	private static final String LIST = "audit";

	private static final String COLUMNS = "id, occurred_at, actor, actor_name, action, entity_type, entity_id,"
			+ " entity_name, fields, old_values, new_values";

	/**
	 * {@code search_text} without its first lines, the entity name's (AuditRow.searchText): as many lines as the name
	 * has, since lower-casing keeps every line break. Names are nearly always one line, which a cheaper expression
	 * cuts.
	 */
	private static final String AFTER_ENTITY_NAME = "(case when strpos(entity_name, E'\\n') = 0"
			+ " then substr(search_text, strpos(search_text, E'\\n') + 1)"
			+ " else array_to_string((string_to_array(search_text, E'\\n'))"
			+ "[char_length(entity_name) - char_length(replace(entity_name, E'\\n', '')) + 2:], E'\\n') end)";

	private final NamedParameterJdbcTemplate jdbc;
	private final NamedParameterJdbcTemplate streaming;
	private final TransactionTemplate readOnly;
	private final ChainVerifier verifier;
	private final int recentRows;
	private final AuditFields labels;

	@Autowired
	public AuditLog(DataSource dataSource, PlatformTransactionManager transactionManager, AuditFields labels) {
		this(dataSource, transactionManager, labels, 2_000);
	}

	/**
	 * @param recentRows how many of the newest rows a tenant-wide free-text search reads through the time index before
	 * it turns to the trigram index
	 */
	public AuditLog(DataSource dataSource, PlatformTransactionManager transactionManager, AuditFields labels,
			int recentRows) {
		this.recentRows = recentRows;
		this.labels = labels;
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		JdbcTemplate fetching = new JdbcTemplate(dataSource);
		// With a fetch size inside a transaction, the PostgreSQL driver reads through a cursor instead of all at once.
		fetching.setFetchSize(1_000);
		this.streaming = new NamedParameterJdbcTemplate(fetching);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.verifier = new ChainVerifier(dataSource, transactionManager);
	}

	/**
	 * The query {@code filters} select in the actor's tenant, now: checked and with the defaults filled in (the last
	 * 30 days), as the API and the console read them.
	 */
	public AuditQuery query(Actor actor, AuditFilters filters) {
		return filters.query(actor.tenantId(), Instant.now());
	}

	/**
	 * A page of what {@code filters} select in the actor's tenant (see {@link #query}), newest first, of their page
	 * size, after {@code cursor} (a {@code nextCursor} of an earlier page, or null): the API's and the console's list.
	 */
	public ListPage<AuditEvent> page(Actor actor, AuditFilters filters, String cursor) {
		AuditQuery query = query(actor, filters);
		return search(query, cursor, filters.pageSize());
	}

	/** One page of matches, newest first; {@code cursor} is a {@code nextCursor} of an earlier page or null. */
	public ListPage<AuditEvent> search(AuditQuery query, String cursor, int limit) {
		Position after = Position.decode(cursor);
		List<AuditEvent> rows;
		if (!hasText(query)) {
			rows = select(query, after, limit + 1);
		}
		else if (query.entityId() != null || query.actor() != null) {
			// The entity or actor index narrows the rows enough; the text is checked on those.
			rows = readOnly.execute(status -> {
				planForTheseValues();
				return select(query, after, limit + 1);
			});
		}
		else {
			rows = readOnly.execute(status -> tenantText(query, after, limit + 1));
		}
		return ListPage.of(LIST, rows, limit, e -> new Position(e.occurredAt(), e.id()).parts());
	}

	/**
	 * Tenant-wide free text in two steps, because the planner cannot know how often the text occurs in this tenant
	 * (the statistics span all tenants). First the newest {@code recentRows} rows of the window, read through the time
	 * index, which fills the page at once for frequent text and stops there; then, only when the page is not full yet,
	 * the rest of the window through bitmaps, where the trigram index finds rare text without reading every row.
	 * Measured at 10 M rows (docs/PERFORMANCE.md), text that is frequent in another tenant but absent in the caller's
	 * took 156 ms as one query and 26 ms (p50) in two steps.
	 */
	private List<AuditEvent> tenantText(AuditQuery query, Position after, int fetch) {
		planForTheseValues();
		MapSqlParameterSource params = new MapSqlParameterSource();
		// The LIMIT keeps the filters out of the inner scan, so it reads at most recentRows rows, newest first.
		StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from (select ").append(COLUMNS)
			.append(", search_text from audit_event");
		window(query, params, sql);
		after(after, params, sql);
		sql.append(" order by occurred_at desc, id desc limit :recent) recent where true");
		params.addValue("recent", recentRows);
		filters(query, params, sql, labels);
		sql.append(" order by occurred_at desc, id desc limit :limit");
		params.addValue("limit", fetch);
		List<AuditEvent> recent = jdbc.query(sql.toString(), params, (rs, n) -> event(rs));
		if (recent.size() >= fetch) {
			return recent;
		}
		Position boundary = newest(query, after, recentRows);
		if (boundary == null) {
			return recent;
		}
		jdbc.getJdbcOperations().execute("set local enable_indexscan = off");
		List<AuditEvent> rows = new ArrayList<>(recent);
		rows.addAll(select(query, boundary, fetch - recent.size()));
		return rows;
	}

	/** The position of the {@code count}-th newest row of the query's tenant and time range after {@code after}. */
	private Position newest(AuditQuery query, Position after, int count) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		StringBuilder sql = new StringBuilder("select occurred_at, id from audit_event");
		window(query, params, sql);
		after(after, params, sql);
		sql.append(" order by occurred_at desc, id desc offset :skip limit 1");
		params.addValue("skip", count - 1);
		List<Position> found = jdbc.query(sql.toString(), params, (rs, n) -> new Position(
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getObject("id", UUID.class)));
		return found.isEmpty() ? null : found.get(0);
	}

	/** Matches before {@code after} (when given), newest first. */
	private List<AuditEvent> select(AuditQuery query, Position after, int fetch) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from audit_event");
		where(query, params, sql);
		after(after, params, sql);
		sql.append(" order by occurred_at desc, id desc limit :limit");
		params.addValue("limit", fetch);
		return jdbc.query(sql.toString(), params, (rs, n) -> event(rs));
	}

	private static void after(Position after, MapSqlParameterSource params, StringBuilder sql) {
		if (after != null) {
			sql.append(" and (occurred_at, id) < (:afterAt, :afterId)");
			params.addValue("afterAt", OffsetDateTime.ofInstant(after.occurredAt(), ZoneOffset.UTC));
			params.addValue("afterId", after.id());
		}
	}

	/**
	 * Streams every match, newest first, to {@code sink} from one read-only transaction, a thousand rows at a time:
	 * memory stays constant whatever the number of rows, and the database timeout of interactive requests does not cut
	 * a long export short.
	 */
	public void export(AuditQuery query, Consumer<AuditEvent> sink) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from audit_event");
		where(query, params, sql);
		sql.append(" order by occurred_at desc, id desc");
		LongRunning.run(() -> readOnly.executeWithoutResult(status -> {
			if (hasText(query)) {
				planForTheseValues();
			}
			streaming.query(sql.toString(), params, rs -> {
				sink.accept(event(rs));
			});
		}));
	}

	/**
	 * The changes of {@code event} that {@code query} selects, as the console lists them: with a field filter those in
	 * its section, with text those whose label, path, old or new value holds it, or all of them when the actor's
	 * names hold it. {@link #search} returns the events that have at least one. An event without changes counts as
	 * one change of no field.
	 */
	public List<FieldChange> matchingChanges(AuditQuery query, AuditEvent event) {
		List<FieldChange> changes = event.changes().isEmpty() ? List.of(new FieldChange("", null, null))
				: event.changes();
		String text = hasText(query) ? AuditRow.lower(query.text()) : null;
		boolean byActor = text != null
				&& (AuditRow.lower(event.actor()).contains(text) || AuditRow.lower(event.actorName()).contains(text));
		List<FieldChange> matching = new ArrayList<>(changes.size());
		for (FieldChange change : changes) {
			if (query.field() != null && !AuditFields.inSection(change.field(), query.field())) {
				continue;
			}
			if (text != null && !byActor && !holds(change.field(), text) && !holds(change.oldValue(), text)
					&& !holds(change.newValue(), text) && !labels.labelContains(change.field(), text)) {
				continue;
			}
			matching.add(change);
		}
		return matching;
	}

	private static boolean holds(String value, String lowerText) {
		return value != null && AuditRow.lower(value).contains(lowerText);
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
	private void where(AuditQuery query, MapSqlParameterSource params, StringBuilder sql) {
		window(query, params, sql);
		filters(query, params, sql, labels);
	}

	/** The tenant and the time range, which every query has. */
	private static void window(AuditQuery query, MapSqlParameterSource params, StringBuilder sql) {
		sql.append(" where tenant_id = :tenant and occurred_at >= :from and occurred_at <= :to");
		params.addValue("tenant", query.tenantId());
		params.addValue("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
		params.addValue("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
	}

	private static void filters(AuditQuery query, MapSqlParameterSource params, StringBuilder sql, AuditFields labels) {
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
			// audit_field_sections (V14__audit_field_sections.sql) lists every changed path with the sections above it,
			// so a section finds the paths below it through a GIN index, as a whole path does.
			sql.append(" and audit_field_sections(fields) @> array[cast(:field as text)]");
			params.addValue("field", query.field());
		}
		if (query.action() != null) {
			sql.append(" and action = :action");
			params.addValue("action", query.action().name());
		}
		if (query.text() != null && !query.text().isEmpty()) {
			// search_text begins with the entity name's lines, which no field change holds: the trigram index finds
			// the rows that hold the text anywhere, and the text is then looked for in what follows the name (the
			// actor's names, fields and values). strpos rather than a second LIKE: the planner takes an unknown LIKE
			// for very selective and would read a whole small window to fill a page it fills from the first rows.
			// A field's label finds every change in the sections it names.
			String lower = AuditRow.lower(query.text());
			sql.append(" and ((search_text like :pattern and strpos(").append(AFTER_ENTITY_NAME).append(", :text) > 0)");
			params.addValue("pattern", "%" + likeEscaped(lower) + "%");
			params.addValue("text", lower);
			Set<String> labelled = labels.sectionsLabelled(query.text());
			if (!labelled.isEmpty()) {
				sql.append(" or audit_field_sections(fields) && cast(:labelled as text[])");
				params.addValue("labelled", labelled.toArray(String[]::new));
			}
			sql.append(")");
		}
	}

	private static boolean hasText(AuditQuery query) {
		return query.text() != null && !query.text().isEmpty();
	}

	/**
	 * Whether the trigram index or the time index is the better way into a free-text search depends on the text: a
	 * rare word is found through trigrams, a frequent one by reading the newest rows until the page is full, and one or
	 * two characters have no trigram at all. A generic plan of the prepared statement cannot tell them apart (measured
	 * at 10 M rows: a two-letter search took 1.3 s with the generic plan instead of 0.2 s), so free-text searches are
	 * planned for their own values, at a fraction of a millisecond of planning.
	 */
	private void planForTheseValues() {
		jdbc.getJdbcOperations().execute("set local plan_cache_mode = force_custom_plan");
	}

	/** The text with LIKE's wildcards and escape character taken literally (backslash is PostgreSQL's default escape). */
	static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static Object[] actorAndTime(ResultSet rs, int n) throws SQLException {
		return new Object[] { rs.getString("actor"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant() };
	}

	private static AuditEvent event(ResultSet rs) throws SQLException {
		return new AuditEvent(rs.getObject("id", UUID.class), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("actor"), rs.getString("actor_name"), AuditAction.valueOf(rs.getString("action")),
				AuditedEntityType.valueOf(rs.getString("entity_type")), rs.getObject("entity_id", UUID.class),
				rs.getString("entity_name"), AuditRow.changes(rs));
	}

	/** A keyset position: the time (to the microsecond) and id of the last row of a page. */
	record Position(Instant occurredAt, UUID id) {

		List<String> parts() {
			return List.of(Long.toString(AuditRow.micros(occurredAt)), id.toString());
		}

		static Position decode(String cursor) {
			List<String> parts = ListPage.position(LIST, 2, cursor);
			if (parts == null) {
				return null;
			}
			try {
				long micros = Long.parseLong(parts.get(0));
				Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
						Math.floorMod(micros, 1_000_000L) * 1_000L);
				return new Position(at, UUID.fromString(parts.get(1)));
			}
			catch (RuntimeException e) {
				throw ListPage.notACursor();
			}
		}
	}
}

package io.parley.audit.internal;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly partitions of {@code audit_event} (UTC months, named {@code audit_event_YYYY_MM}): made ahead of time, made
 * on demand for a row whose month has none, and dropped whole when retention says so. Creating and dropping
 * partitions is serialized across Parley nodes by a transaction-scoped advisory lock.
 */
public class AuditPartitions {

	private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);
	private static final Pattern NAME = Pattern.compile("audit_event_(\\d{4})_(\\d{2})");
	/** The advisory lock key of partition changes ("audit_pt"). */
	private static final long LOCK = 0x61756469745f7074L;

	private final JdbcTemplate jdbc;
	private final TransactionTemplate transactions;
	private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

	public AuditPartitions(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	public static String name(YearMonth month) {
		return "audit_event_%04d_%02d".formatted(month.getYear(), month.getMonthValue());
	}

	public static YearMonth monthOf(Instant instant) {
		return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
	}

	/**
	 * Makes sure a row at {@code instant} has a partition to go to, creating it in the caller's transaction when it is
	 * missing (which the job that creates months ahead makes rare).
	 */
	public void ensureFor(Instant instant) {
		YearMonth month = monthOf(instant);
		if (known.contains(month)) {
			return;
		}
		if (exists(month)) {
			known.add(month);
			return;
		}
		jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK);
		if (!exists(month)) {
			create(month);
			log.info("Created audit partition {} for a row written into it", name(month));
		}
	}

	/** Creates the partitions from the month of {@code now} to {@code ahead} months later that are missing. */
	public List<YearMonth> ensureAhead(Instant now, int ahead) {
		YearMonth current = monthOf(now);
		List<YearMonth> created = transactions.execute(status -> {
			jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK);
			List<YearMonth> made = new ArrayList<>();
			for (int i = 0; i <= Math.max(0, ahead); i++) {
				YearMonth month = current.plusMonths(i);
				if (!exists(month)) {
					create(month);
					made.add(month);
				}
			}
			return made;
		});
		for (int i = 0; i <= Math.max(0, ahead); i++) {
			known.add(current.plusMonths(i));
		}
		if (!created.isEmpty()) {
			log.info("Created audit partitions {}", created.stream().map(AuditPartitions::name).toList());
		}
		return created;
	}

	/**
	 * Drops, oldest first, every partition that ends before {@code now} minus {@code retentionMonths} months; 0 or less
	 * keeps everything. Before a partition goes, the last row it holds of each tenant is kept as that tenant's chain
	 * anchor, so that verification can start from the first remaining row.
	 */
	public List<YearMonth> dropOlderThan(int retentionMonths, Instant now) {
		if (retentionMonths <= 0) {
			return List.of();
		}
		Instant cutoff = now.atOffset(ZoneOffset.UTC).minusMonths(retentionMonths).toInstant();
		List<YearMonth> dropped = new ArrayList<>();
		for (YearMonth month : months()) {
			Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
			if (end.isAfter(cutoff)) {
				break;
			}
			transactions.executeWithoutResult(status -> {
				jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK);
				if (!exists(month)) {
					return;
				}
				jdbc.update("insert into audit_chain_anchor (tenant_id, seq, hash)"
						+ " select distinct on (tenant_id) tenant_id, seq, hash from " + name(month)
						+ " order by tenant_id, seq desc"
						+ " on conflict (tenant_id) do update set seq = excluded.seq, hash = excluded.hash"
						+ " where excluded.seq > audit_chain_anchor.seq");
				jdbc.execute("drop table " + name(month));
			});
			known.remove(month);
			dropped.add(month);
		}
		if (!dropped.isEmpty()) {
			log.info("Retention of {} months dropped audit partitions {}", retentionMonths,
					dropped.stream().map(AuditPartitions::name).toList());
		}
		return dropped;
	}

	/** The months that have a partition, oldest first. */
	public List<YearMonth> months() {
		return jdbc.queryForList("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
				+ " where i.inhparent = 'audit_event'::regclass", String.class)
			.stream()
			.map(NAME::matcher)
			.filter(Matcher::matches)
			.map(m -> YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
			.sorted()
			.toList();
	}

	public boolean exists(YearMonth month) {
		return Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, name(month)));
	}

	private void create(YearMonth month) {
		String from = month.atDay(1) + " 00:00:00+00";
		String to = month.plusMonths(1).atDay(1) + " 00:00:00+00";
		jdbc.execute("create table if not exists " + name(month) + " partition of audit_event for values from ('"
				+ from + "') to ('" + to + "')");
	}
}

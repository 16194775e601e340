package io.parley.audit.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.flywaydb.core.Flyway;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.parley.shared.ListPage;
import io.parley.audit.AuditAction;
import io.parley.audit.AuditEvent;
import io.parley.audit.AuditFields;
import io.parley.audit.AuditLog;
import io.parley.audit.AuditQuery;
import io.parley.audit.AuditedEntityType;
import io.parley.audit.FieldChange;
import io.parley.audit.bench.AuditSeeder.Seeded;
import io.parley.audit.internal.AuditPartitions;

/**
 * The audit search benchmark ({@code bench/audit-search}): creates Parley's schema in the given database, seeds N
 * audit rows, then times a fixed mix of searches through {@link AuditLog}, the code the API runs, and prints one JSON
 * line per query on standard output. Progress goes to standard error.
 */
public final class AuditSearchBenchmark {

	static final List<String> TENANTS = List.of("default", "bench-north", "bench-south");
	static final int WARMUP = 10;

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		long rows = Long.parseLong(options.getOrDefault("rows", "1000000").replace("_", ""));
		String url = options.get("database-url");
		if (url == null) {
			throw new IllegalArgumentException("--database-url is required");
		}
		int samples = Integer.parseInt(options.getOrDefault("samples", "200"));
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(options.getOrDefault("username", "postgres"));
		config.setPassword(options.get("password"));
		config.setMaximumPoolSize(3);
		config.setPoolName("bench");
		try (HikariDataSource dataSource = new HikariDataSource(config)) {
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load()
				.migrate();
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
			AuditPartitions partitions = new AuditPartitions(jdbc, transactions);
			partitions.ensureAhead(Instant.now(), 3);

			List<UUID> tenants = new ArrayList<>();
			for (String name : TENANTS) {
				jdbc.update("insert into tenant (id, name) values (?, ?) on conflict (name) do nothing",
						UUID.randomUUID(), name);
				tenants.add(jdbc.queryForObject("select id from tenant where name = ?", UUID.class, name));
			}

			// The seed is deterministic: a database that already holds exactly this many rows is reused as is.
			Long existing = jdbc.queryForObject("select count(*) from audit_event", Long.class);
			Instant end;
			boolean write = existing == null || existing != rows || options.containsKey("reseed");
			if (write) {
				if (existing != null && existing > 0) {
					AuditSeeder.log("the database holds %,d audit rows, not %,d: emptying the audit tables to reseed",
							existing, rows);
					jdbc.execute("truncate audit_event, audit_chain_head, audit_chain_anchor");
				}
				end = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
			}
			else {
				end = jdbc.queryForObject("select max(occurred_at) from audit_event", java.sql.Timestamp.class)
					.toInstant();
				AuditSeeder.log("reusing the %,d audit rows already seeded", rows);
			}
			long began = System.nanoTime();
			Seeded seeded = new AuditSeeder(dataSource, partitions).seed(tenants, rows, end, write);
			if (write) {
				AuditSeeder.log("seeded %,d rows in %.0f s; vacuum analyze", rows, (System.nanoTime() - began) / 1e9);
				long vacuum = System.nanoTime();
				jdbc.execute("vacuum (analyze) audit_event");
				AuditSeeder.log("vacuum analyze took %.0f s", (System.nanoTime() - vacuum) / 1e9);
			}
			AuditSeeder.log("table %s", jdbc.queryForObject("select pg_size_pretty(sum(pg_total_relation_size(c.oid)))"
					+ " from pg_inherits i join pg_class c on c.oid = i.inhrelid"
					+ " where i.inhparent = 'audit_event'::regclass", String.class));

			Instant now = end.plus(Duration.ofMinutes(1));
			// Query parameters come from the data itself: the entities that have rows in the last 30 days.
			List<Target> targets = jdbc.query("select tenant_id, entity_type, entity_id, max(entity_name) as name"
					+ " from audit_event where occurred_at >= ? group by tenant_id, entity_type, entity_id",
					(rs, n) -> new Target(tenants.indexOf(rs.getObject("tenant_id", UUID.class)),
							AuditedEntityType.valueOf(rs.getString("entity_type")), rs.getObject("entity_id", UUID.class),
							rs.getString("name")),
					java.sql.Timestamp.from(now.minus(Duration.ofDays(30))));
			AuditSeeder.log("%,d entities have rows in the last 30 days", targets.size());
			// The labels as the application reads them: Spring Boot's MessageSource over messages.properties.
			ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
			messages.setBasename("messages");
			messages.setDefaultEncoding("UTF-8");
			AuditLog audit = new AuditLog(dataSource, transactions, new AuditFields(messages));
			AuditSearchBenchmark benchmark = new AuditSearchBenchmark(audit, seeded, targets, samples, now);
			benchmark.run(options.containsKey("export"));
			if (options.containsKey("verify")) {
				benchmark.verify(tenants.get(tenants.size() - 1));
			}
		}
	}

	private final AuditLog audit;
	private final Seeded seeded;
	private final List<Target> targets;
	private final int samples;
	private final Random random = new Random(4711);
	/** "Now" for the queries: the end of the seeded data, so that a database seeded days ago measures the same. */
	private final Instant now;

	AuditSearchBenchmark(AuditLog audit, Seeded seeded, List<Target> targets, int samples, Instant now) {
		this.audit = audit;
		this.seeded = seeded;
		this.targets = targets;
		this.samples = samples;
		this.now = now;
	}

	void run(boolean export) throws IOException {
		UUID tenant = seeded.tenants().get(0);
		Instant from = now.minus(Duration.ofDays(30));
		measure("entity first page", () -> query(entity(), null, null, null, null, from));
		measure("entity + field", () -> {
			Target entity = entity();
			String field = entity.type() == AuditedEntityType.CHAT_PROFILE ? "appearance.primaryColor" : "skill";
			return query(entity, null, null, field, null, from);
		});
		measure("entity + action", () -> query(entity(), null, null, null, AuditAction.ASSIGNED, from));
		measure("tenant by actor", () -> new Search(new AuditQuery(tenant, null, null, null, actor(), null, null, from,
				now), null));
		measure("tenant free text 30d, frequent word", () -> text(tenant, from, List.of("refunds", "delivery",
				"welcome", "support")));
		measure("tenant free text 30d, rare colour", () -> text(tenant, from, colours()));
		measure("tenant free text 30d, entity name", () -> {
			List<Target> own = targets.stream().filter(t -> t.tenant() == 0).toList();
			return text(tenant, from, List.of(own.get(random.nextInt(own.size())).name()));
		});
		// A field's label ("Appearance › Primary color") finds its changes: the label's sections go to the index on
		// audit_field_sections(fields) beside the text to the trigram index.
		measure("tenant free text 30d, a field's label", () -> text(tenant, from, List.of("primary color",
				"waiting message", "field 2", "pre-chat form")));
		// The field filter takes a whole section: one that most changes touch, and ones that few do.
		measure("tenant section 30d, frequent: appearance", () -> new Search(new AuditQuery(tenant, null, null, null,
				null, "appearance", null, from, now), null));
		measure("tenant section 30d, rare: waitingQueue / preChatForm.fields", () -> new Search(new AuditQuery(tenant,
				null, null, null, null, random.nextBoolean() ? "waitingQueue" : "preChatForm.fields", null, from, now),
				null));
		measure("tenant free text 30d, absent text", () -> text(tenant, from, List.of("zanzibar", "quixotic",
				"#ABCDEG", "nowhere-to-be-found")));
		// The worst cases of free text: a term with no trigram to look up (one or two characters) and a term that the
		// statistics, which span all tenants, take for frequent while the caller's tenant has none of it. Both make
		// PostgreSQL read the tenant's whole 30-day window.
		measure("tenant free text 30d, worst case: two absent letters", () -> text(tenant, from, List.of("zq", "qx",
				"jq", "vq")));
		measure("tenant free text 30d, worst case: another tenant's user name", () -> {
			List<AuditSeeder.Actor> others = seeded.actors().get(1 + random.nextInt(seeded.actors().size() - 1));
			return text(tenant, from, List.of(others.get(random.nextInt(others.size())).username()));
		});
		deepWalk(tenant, from);
		summaries();
		if (export) {
			export(tenant);
		}
	}

	private record Search(AuditQuery query, String cursor) {
	}

	/** An entity to query: its tenant (an index into the seeded tenants), type, id and name. */
	record Target(int tenant, AuditedEntityType type, UUID id, String name) {
	}

	private Search query(Target entity, String text, String actor, String field, AuditAction action, Instant from) {
		return new Search(new AuditQuery(seeded.tenants().get(entity.tenant()), entity.type(), entity.id(), text,
				actor, field, action, from, now), null);
	}

	private Search text(UUID tenant, Instant from, List<String> words) {
		return new Search(new AuditQuery(tenant, null, null, words.get(random.nextInt(words.size())), null, null, null,
				from, now), null);
	}

	private Target entity() {
		return targets.get(random.nextInt(targets.size()));
	}

	private String actor() {
		List<AuditSeeder.Actor> actors = seeded.actors().get(0);
		return actors.get(random.nextInt(actors.size())).username();
	}

	/** Colours of the seeded palette: each is in about one row in 40 000. */
	private List<String> colours() {
		Random palette = new Random(7);
		List<String> colours = new ArrayList<>();
		for (int i = 0; i < 4_096; i++) {
			colours.add("#%06X".formatted(palette.nextInt(1 << 24)));
		}
		return colours;
	}

	private void measure(String name, Supplier<Search> next) {
		for (int i = 0; i < WARMUP; i++) {
			Search search = next.get();
			audit.search(search.query(), search.cursor(), ListPage.DEFAULT_LIMIT);
		}
		double[] millis = new double[samples];
		long rows = 0;
		for (int i = 0; i < samples; i++) {
			Search search = next.get();
			long start = System.nanoTime();
			ListPage<AuditEvent> page = audit.search(search.query(), search.cursor(), ListPage.DEFAULT_LIMIT);
			millis[i] = (System.nanoTime() - start) / 1e6;
			rows += page.items().size();
		}
		print(name, Math.round((double) rows / samples), millis);
	}

	/** The created/modified summary of an entity's audit tab, which reads all of its months. */
	private void summaries() {
		for (int i = 0; i < WARMUP; i++) {
			Target entity = entity();
			audit.summary(seeded.tenants().get(entity.tenant()), entity.type(), entity.id());
		}
		double[] millis = new double[samples];
		for (int i = 0; i < samples; i++) {
			Target entity = entity();
			long start = System.nanoTime();
			audit.summary(seeded.tenants().get(entity.tenant()), entity.type(), entity.id());
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		print("entity summary (created/modified)", 1, millis);
	}

	/**
	 * Walks the tenant-wide list 1 000 pages deep by cursor, then times the first page and the 1 000th page the same
	 * way, each fetched again and again with its own cursor.
	 */
	private void deepWalk(UUID tenant, Instant from) {
		AuditQuery query = new AuditQuery(tenant, null, null, null, null, null, null, from, now);
		String cursor = null;
		double[] walk = new double[1_000];
		for (int page = 1; page < 1_000; page++) {
			long start = System.nanoTime();
			cursor = audit.search(query, cursor, ListPage.DEFAULT_LIMIT).nextCursor();
			walk[page - 1] = (System.nanoTime() - start) / 1e6;
			if (cursor == null) {
				AuditSeeder.log("the walk ended after %d pages: seed more rows for a 1 000-page walk", page);
				return;
			}
		}
		walk[999] = walk[998];
		print("tenant cursor walk, pages 1-1000", ListPage.DEFAULT_LIMIT, walk);
		String deep = cursor;
		measure("tenant first page", () -> new Search(query, null));
		measure("tenant page 1000", () -> new Search(query, deep));
	}

	/** Streams every row of the tenant's last 6 months (about 1 M at 10 M rows) through the CSV writer into nothing, in this JVM's heap. */
	private void export(UUID tenant) throws IOException {
		AuditQuery query = new AuditQuery(tenant, null, null, null, null, null, null, now.minus(Duration.ofDays(183)),
				now);
		long[] lines = new long[2];
		long start = System.nanoTime();
		try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(OutputStream.nullOutputStream(),
				StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
			audit.export(query, event -> {
				lines[0]++;
				try {
					for (FieldChange change : event.changes()) {
						csv.printRecord(event.occurredAt(), event.actor(), event.action(), event.entityType(),
								event.entityName(), change.field(), change.oldValue(), change.newValue());
						lines[1]++;
					}
				}
				catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			});
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		Runtime runtime = Runtime.getRuntime();
		System.out.printf(Locale.ROOT,
				"{\"query\": \"csv export, tenant, 6 months\", \"rows\": %d, \"csv_lines\": %d, \"seconds\": %.1f,"
						+ " \"rows_per_s\": %.0f, \"max_heap_mb\": %d}%n",
				lines[0], lines[1], seconds, lines[0] / seconds, runtime.maxMemory() >> 20);
	}

	/** Walks one tenant's whole hash chain, which also proves that the seeded chains are valid. */
	void verify(UUID tenant) {
		long start = System.nanoTime();
		io.parley.audit.ChainVerification result = audit.verify(tenant);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "{\"query\": \"verify chain, one tenant\", \"rows\": %d, \"valid\": %s,"
				+ " \"seconds\": %.1f, \"rows_per_s\": %.0f}%n", result.checked(), result.valid(), seconds,
				result.checked() / seconds);
	}

	private static void print(String name, long rows, double[] millis) {
		double[] sorted = millis.clone();
		Arrays.sort(sorted);
		System.out.printf(Locale.ROOT, "{\"query\": \"%s\", \"rows\": %d, \"p50_ms\": %.2f, \"p95_ms\": %.2f,"
				+ " \"max_ms\": %.2f, \"samples\": %d}%n", name, rows, percentile(sorted, 50), percentile(sorted, 95),
				sorted[sorted.length - 1], sorted.length);
	}

	static double percentile(double[] sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + args[i]);
			}
			String name = args[i].substring(2);
			if (name.contains("=")) {
				options.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
			}
			else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				options.put(name, args[++i]);
			}
			else {
				options.put(name, "true");
			}
		}
		return options;
	}

}

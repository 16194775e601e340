package io.parley.audit.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import io.parley.audit.AuditAction;
import io.parley.audit.AuditedEntityType;
import io.parley.audit.FieldChange;
import io.parley.audit.internal.AuditPartitions;
import io.parley.audit.internal.AuditRow;
import io.parley.audit.internal.ChainHash;

/**
 * Fills the audit log with realistic rows fast: one COPY per month into a table without indexes, then ATTACH
 * PARTITION, which builds the month's share of every index the migration declared (so the benchmark measures exactly
 * the schema Parley runs on). Hashes are computed with the application's own {@link ChainHash}, so the chains verify.
 */
final class AuditSeeder {

	static final Duration SPAN = Duration.ofDays(730);

	private static final String[] COLOURS = palette();
	private static final String[] FONTS = { "system-ui", "Inter", "Roboto", "Georgia", "Helvetica Neue", "Arial",
			"Open Sans", "Lato" };
	private static final String[] WORDS = { "Welcome", "to", "our", "support", "team", "we", "reply", "within",
			"minutes", "please", "describe", "your", "question", "about", "orders", "billing", "delivery", "refunds",
			"returns", "account", "login", "password", "subscription", "invoice", "warranty", "shipping", "tracking",
			"help", "chat", "agent", "available", "hours", "weekend", "holiday", "thanks", "waiting", "queue", "soon" };
	private static final String[] PROFILE_NAMES = { "Sales chat", "Support chat", "Billing help", "Returns desk",
			"VIP service", "Onboarding", "Partner desk", "Careers chat", "EMEA support", "APAC support" };
	private static final String[] POC_NAMES = { "Checkout page", "Pricing page", "Help center", "Order status",
			"Landing page", "Account settings", "Product page", "Contact page", "Mobile app", "Partner portal" };
	private static final String[] SKILLS = { "sales", "support", "billing", "returns", "vip", "onboarding", "partners",
			"careers", "emea", "apac" };
	private static final String[] FIRST = { "Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Ines",
			"Jonas", "Kira", "Liam", "Mia", "Noah", "Olga", "Paul", "Quinn" };
	private static final String[] LAST = { "Adams", "Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia" };

	record Actor(UUID id, String username, String displayName) {
	}

	record Entity(AuditedEntityType type, int tenant, int slot, UUID id, String name, Map<String, String> state,
			boolean live) {
	}

	/** What the benchmark needs to know of the seeded data to pick realistic query parameters. */
	record Seeded(List<UUID> tenants, List<List<Actor>> actors, List<List<Entity>> entities) {
	}

	private final DataSource dataSource;
	private final AuditPartitions partitions;
	private final Random random = new Random(42);

	AuditSeeder(DataSource dataSource, AuditPartitions partitions) {
		this.dataSource = dataSource;
		this.partitions = partitions;
	}

	/**
	 * Seeds {@code rows} rows spread over the 24 months before {@code end} across the tenants, about 2 000 entities
	 * and 50 actors. With {@code write} false it only rebuilds the same in-memory picture of entities and actors.
	 */
	Seeded seed(List<UUID> tenants, long rows, Instant end, boolean write) throws SQLException, IOException {
		int tenantCount = tenants.size();
		List<List<Actor>> actors = new ArrayList<>();
		for (int t = 0; t < tenantCount; t++) {
			actors.add(new ArrayList<>());
		}
		for (int a = 0; a < 50; a++) {
			String first = FIRST[a % FIRST.length];
			String last = LAST[(a / FIRST.length + a) % LAST.length];
			String username = a == 0 ? "admin" : (first + "." + last + a).toLowerCase();
			String display = a == 0 ? "Administrator" : first + " " + last;
			actors.get(a % tenantCount).add(new Actor(new UUID(0xbe9c4L, a), username, display));
		}
		int perTenant = 2_000 / tenantCount / 2;
		List<List<Entity>> entities = new ArrayList<>();
		for (int t = 0; t < tenantCount; t++) {
			List<Entity> list = new ArrayList<>();
			for (int i = 0; i < perTenant; i++) {
				list.add(newEntity(AuditedEntityType.CHAT_PROFILE, t, list.size()));
				list.add(newEntity(AuditedEntityType.POINT_OF_CONTACT, t, list.size()));
			}
			entities.add(list);
		}
		Seeded seeded = new Seeded(tenants, actors, entities);
		if (!write) {
			return seeded;
		}

		long[] seq = new long[tenantCount];
		byte[][] previous = new byte[tenantCount][];
		Instant[] last = new Instant[tenantCount];
		for (int t = 0; t < tenantCount; t++) {
			previous[t] = ChainHash.GENESIS;
		}
		Instant start = end.minus(SPAN);
		long stepMicros = Math.max(1, AuditRow.micros(end) - AuditRow.micros(start)) / rows;
		if (stepMicros < 1) {
			throw new IllegalArgumentException("Too many rows for 24 months at one row per microsecond");
		}
		long startMicros = AuditRow.micros(start);
		long written = 0;
		long began = System.nanoTime();
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				statement.execute("set maintenance_work_mem = '1GB'");
				statement.execute("set max_parallel_maintenance_workers = 2");
			}
			YearMonth month = null;
			Writer out = null;
			String staging = null;
			for (long i = 0; i < rows; i++) {
				long micros = startMicros + i * stepMicros + (stepMicros > 1 ? random.nextLong(stepMicros) : 0);
				Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
						Math.floorMod(micros, 1_000_000L) * 1_000L);
				YearMonth rowMonth = AuditPartitions.monthOf(at);
				if (!rowMonth.equals(month)) {
					if (out != null) {
						out.close();
						attach(connection, staging, month);
						log("seeded %s: %,d rows so far (%.0f s)", AuditPartitions.name(month), written,
								(System.nanoTime() - began) / 1e9);
					}
					month = rowMonth;
					staging = "audit_seed_" + AuditPartitions.name(month);
					try (Statement statement = connection.createStatement()) {
						statement.execute("drop table if exists " + staging);
						statement.execute("create table " + staging + " (like audit_event including defaults"
								+ " including constraints)");
					}
					out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(
							connection.unwrap(PGConnection.class), "copy " + staging + " (tenant_id, occurred_at, id,"
									+ " seq, entity_type, entity_id, entity_name, action, actor_id, actor, actor_name,"
									+ " fields, old_values, new_values, search_text, prev_hash, hash) from stdin",
							1 << 16), StandardCharsets.UTF_8), 1 << 16);
				}
				int t = pickTenant(tenantCount);
				List<Entity> list = entities.get(t);
				int slot = (int) Math.floor(list.size() * Math.pow(random.nextDouble(), 1.6));
				Entity entity = list.get(slot);
				Actor actor = actors.get(t).get((int) Math.floor(actors.get(t).size()
						* Math.pow(random.nextDouble(), 1.3)));
				AuditAction action;
				List<FieldChange> changes;
				if (!entity.live()) {
					action = AuditAction.CREATED;
					changes = new ArrayList<>();
					for (Map.Entry<String, String> field : entity.state().entrySet()) {
						if (field.getValue() != null) {
							changes.add(new FieldChange(field.getKey(), null, field.getValue()));
						}
					}
					entity = new Entity(entity.type(), t, slot, entity.id(), entity.name(), entity.state(), true);
					list.set(slot, entity);
				}
				else {
					double dice = random.nextDouble();
					if (dice < 0.00005) {
						action = AuditAction.DELETED;
						changes = new ArrayList<>();
						for (Map.Entry<String, String> field : entity.state().entrySet()) {
							if (field.getValue() != null) {
								changes.add(new FieldChange(field.getKey(), field.getValue(), null));
							}
						}
						list.set(slot, newEntity(entity.type(), t, slot));
					}
					else if (dice < 0.10) {
						boolean assign = dice < 0.06;
						action = assign ? AuditAction.ASSIGNED : AuditAction.UNASSIGNED;
						String other = list.get(random.nextInt(list.size())).id().toString();
						String field = entity.type() == AuditedEntityType.CHAT_PROFILE ? "pointOfContactId"
								: "chatProfileId";
						changes = List.of(assign ? new FieldChange(field, null, other) : new FieldChange(field, other,
								null));
					}
					else {
						action = AuditAction.UPDATED;
						changes = update(entity);
					}
				}
				seq[t]++;
				AuditRow row = new AuditRow(tenants.get(t), seq[t], new UUID(random.nextLong(), random.nextLong()),
						at, entity.type(), entity.id(), entity.name(), action, actor.id(), actor.username(),
						actor.displayName(), changes);
				byte[] hash = ChainHash.of(row, previous[t]);
				copyLine(out, row, previous[t], hash);
				previous[t] = hash;
				last[t] = row.occurredAt();
				written++;
			}
			if (out != null) {
				out.close();
				attach(connection, staging, month);
				log("seeded %s: %,d rows (%.0f s)", AuditPartitions.name(month), written,
						(System.nanoTime() - began) / 1e9);
			}
			try (var head = connection.prepareStatement("insert into audit_chain_head (tenant_id, seq, hash,"
					+ " last_occurred_at) values (?, ?, ?, ?) on conflict (tenant_id) do update set seq = excluded.seq,"
					+ " hash = excluded.hash, last_occurred_at = excluded.last_occurred_at")) {
				for (int t = 0; t < tenantCount; t++) {
					if (seq[t] == 0) {
						continue;
					}
					head.setObject(1, tenants.get(t));
					head.setLong(2, seq[t]);
					head.setBytes(3, previous[t]);
					head.setObject(4, OffsetDateTime.ofInstant(last[t], ZoneOffset.UTC));
					head.addBatch();
				}
				head.executeBatch();
			}
		}
		return seeded;
	}

	private int pickTenant(int count) {
		// The default tenant, which the first-start admin sees through the API, is the largest.
		double dice = random.nextDouble();
		if (count == 1) {
			return 0;
		}
		return dice < 0.40 ? 0 : 1 + random.nextInt(count - 1);
	}

	private void attach(Connection connection, String staging, YearMonth month) throws SQLException {
		String name = AuditPartitions.name(month);
		String from = month.atDay(1) + " 00:00:00+00";
		String to = month.plusMonths(1).atDay(1) + " 00:00:00+00";
		try (Statement statement = connection.createStatement()) {
			// A bound-matching CHECK lets ATTACH skip its validation scan.
			statement.execute("alter table " + staging + " add constraint " + staging + "_bound check (occurred_at >= '"
					+ from + "' and occurred_at < '" + to + "')");
			if (partitions.exists(month)) {
				statement.execute("drop table " + name);
			}
			statement.execute("alter table " + staging + " rename to " + name);
			statement.execute("alter table audit_event attach partition " + name + " for values from ('" + from
					+ "') to ('" + to + "')");
			statement.execute("alter table " + name + " drop constraint " + staging + "_bound");
		}
	}

	private Entity newEntity(AuditedEntityType type, int tenant, int slot) {
		UUID id = new UUID(random.nextLong(), random.nextLong());
		Map<String, String> state = new LinkedHashMap<>();
		String name;
		if (type == AuditedEntityType.CHAT_PROFILE) {
			name = PROFILE_NAMES[random.nextInt(PROFILE_NAMES.length)] + " " + (slot / 2 + 1);
			state.put("name", name);
			state.put("description", sentence(6));
			state.put("interfaceVersion", random.nextBoolean() ? "V2" : "V1");
			for (String colour : List.of("primaryColor", "primaryTextColor", "agentBubbleColor", "agentBubbleTextColor",
					"topBarColor", "topBarTextColor")) {
				state.put("appearance." + colour, colour());
			}
			state.put("appearance.fontFamily", FONTS[random.nextInt(FONTS.length)]);
			state.put("appearance.fontSize", "REGULAR");
			state.put("appearance.headerTitle", sentence(3));
			state.put("appearance.welcomeMessage", sentence(12));
			state.put("appearance.buttonLabel", "Live Chat");
			state.put("appearance.buttonPosition", "BOTTOM_RIGHT");
			state.put("logoAssetId", null);
			state.put("preChatForm.enabled", "true");
			state.put("preChatForm.welcomeMessage", sentence(6));
			state.put("preChatForm.fields[0].key", "name");
			state.put("preChatForm.fields[0].label", "Name");
			state.put("preChatForm.fields[0].type", "TEXT");
			state.put("preChatForm.fields[1].key", "email");
			state.put("preChatForm.fields[1].label", "Email");
			state.put("preChatForm.fields[1].type", "EMAIL");
			state.put("waitingQueue.enabled", "true");
			state.put("waitingQueue.message", sentence(8));
			state.put("waitingQueue.backgroundColor", colour());
			state.put("waitingQueue.textColor", colour());
			state.put("waitingQueue.showPosition", "true");
		}
		else {
			name = POC_NAMES[random.nextInt(POC_NAMES.length)] + " " + (slot / 2 + 1);
			state.put("name", name);
			state.put("description", sentence(8));
			state.put("skill", SKILLS[random.nextInt(SKILLS.length)]);
			state.put("active", "true");
			state.put("allowedOrigins", "https://shop" + slot + ".example.com");
		}
		return new Entity(type, tenant, slot, id, name, state, false);
	}

	private List<FieldChange> update(Entity entity) {
		List<String> keys = new ArrayList<>(entity.state().keySet());
		int count = 1 + (random.nextDouble() < 0.3 ? random.nextInt(3) : 0);
		List<FieldChange> changes = new ArrayList<>(count);
		for (int c = 0; c < count; c++) {
			String key = keys.get((int) Math.floor(keys.size() * Math.pow(random.nextDouble(), 1.5)));
			if (changes.stream().anyMatch(change -> change.field().equals(key)) || key.equals("name")) {
				continue;
			}
			String old = entity.state().get(key);
			String value = newValue(key, old);
			if (java.util.Objects.equals(value, old)) {
				continue;
			}
			entity.state().put(key, value);
			changes.add(new FieldChange(key, old, value));
		}
		if (changes.isEmpty()) {
			String old = entity.state().get("description");
			String value = sentence(8);
			entity.state().put("description", value);
			changes.add(new FieldChange("description", old, value));
		}
		changes.sort((a, b) -> a.field().compareTo(b.field()));
		return changes;
	}

	private String newValue(String key, String old) {
		if (key.endsWith("Color")) {
			return colour();
		}
		return switch (key) {
			case "appearance.fontFamily" -> FONTS[random.nextInt(FONTS.length)];
			case "appearance.fontSize" -> List.of("SMALL", "REGULAR", "HUGE").get(random.nextInt(3));
			case "appearance.buttonPosition" -> List.of("BOTTOM_RIGHT", "BOTTOM_LEFT", "TOP_RIGHT", "TOP_LEFT")
				.get(random.nextInt(4));
			case "appearance.buttonLabel" -> List.of("Live Chat", "Chat with us", "Need help?", "Ask us")
				.get(random.nextInt(4));
			case "interfaceVersion" -> "V1".equals(old) ? "V2" : "V1";
			case "active", "preChatForm.enabled", "waitingQueue.enabled", "waitingQueue.showPosition" ->
				"true".equals(old) ? "false" : "true";
			case "skill" -> SKILLS[random.nextInt(SKILLS.length)];
			case "allowedOrigins" -> "https://shop" + random.nextInt(5_000) + ".example.com";
			case "logoAssetId" -> old == null ? new UUID(random.nextLong(), random.nextLong()).toString() : null;
			default -> sentence(key.contains("welcome") || key.contains("message") ? 12 : 4);
		};
	}

	private String sentence(int words) {
		StringBuilder text = new StringBuilder();
		for (int w = 0; w < words; w++) {
			String word = WORDS[(int) Math.floor(WORDS.length * Math.pow(random.nextDouble(), 1.4))];
			text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
			text.append(w == words - 1 ? "." : " ");
		}
		return text.toString();
	}

	private String colour() {
		return COLOURS[random.nextInt(COLOURS.length)];
	}

	/** A palette of 4 096 colours, as people pick them: most values recur, a single one is rare. */
	private static String[] palette() {
		Random random = new Random(7);
		String[] colours = new String[4_096];
		for (int i = 0; i < colours.length; i++) {
			colours[i] = "#%06X".formatted(random.nextInt(1 << 24));
		}
		return colours;
	}

	static void copyLine(Writer out, AuditRow row, byte[] previous, byte[] hash) throws IOException {
		out.write(row.tenantId().toString());
		out.write('\t');
		out.write(row.occurredAt().toString());
		out.write('\t');
		out.write(row.id().toString());
		out.write('\t');
		out.write(Long.toString(row.seq()));
		out.write('\t');
		out.write(row.entityType().name());
		out.write('\t');
		out.write(row.entityId().toString());
		out.write('\t');
		text(out, row.entityName());
		out.write('\t');
		out.write(row.action().name());
		out.write('\t');
		out.write(row.actorId() == null ? "\\N" : row.actorId().toString());
		out.write('\t');
		text(out, row.actor());
		out.write('\t');
		text(out, row.actorName());
		out.write('\t');
		text(out, array(row.fields()));
		out.write('\t');
		text(out, array(row.oldValues()));
		out.write('\t');
		text(out, array(row.newValues()));
		out.write('\t');
		text(out, row.searchText());
		out.write('\t');
		out.write("\\\\x");
		out.write(HexFormat.of().formatHex(previous));
		out.write('\t');
		out.write("\\\\x");
		out.write(HexFormat.of().formatHex(hash));
		out.write('\n');
	}

	/** A PostgreSQL array literal; every element quoted, so any text round-trips. */
	static String array(String[] values) {
		StringBuilder literal = new StringBuilder("{");
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				literal.append(',');
			}
			if (values[i] == null) {
				literal.append("NULL");
			}
			else {
				literal.append('"').append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
			}
		}
		return literal.append('}').toString();
	}

	/** A value in COPY's text format. */
	static void text(Writer out, String value) throws IOException {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> out.write("\\\\");
				case '\n' -> out.write("\\n");
				case '\r' -> out.write("\\r");
				case '\t' -> out.write("\\t");
				default -> out.write(c);
			}
		}
	}

	static void log(String format, Object... args) {
		System.err.println("[audit-search] " + format.formatted(args));
	}
}

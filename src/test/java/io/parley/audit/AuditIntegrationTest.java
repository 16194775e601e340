package io.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.HostileInputs;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.accounts.Actor;
import io.parley.accounts.Role;
import io.parley.accounts.TestTenants;
import io.parley.audit.internal.AuditPartitions;
import io.parley.audit.internal.AuditWriter;
import io.parley.contactpoints.ChatProfileAssigned;
import io.parley.contactpoints.ChatProfileUnassigned;
import io.parley.contactpoints.PointOfContactCreated;
import io.parley.contactpoints.PointOfContactUpdated;
import io.parley.profiles.ChatProfileCreated;
import io.parley.profiles.ChatProfileDeleted;
import io.parley.profiles.ChatProfileUpdated;

import tools.jackson.databind.JsonNode;

/**
 * The audit history end to end: events published in a transaction, as the profiles and contact points modules do,
 * and the audit API over real HTTP.
 */
@IntegrationTest
class AuditIntegrationTest {

	private static final String PASSWORD = "audit-test-password";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants testTenants;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	AuditPartitions partitions;

	@Autowired
	AuditLog auditLog;

	@Autowired
	AuditFields auditFields;

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactionManager;

	record Tenant(UUID id, Actor actor, HttpApi api) {

		/** Another user of the same tenant (audit rows copy names; the user need not log in). */
		Actor colleague(String username, String displayName) {
			return new Actor(id, UUID.randomUUID(), username, displayName, Set.of(Role.ADMIN));
		}
	}

	Tenant tenant() {
		String username = testTenants.tenantWithAdmin(PASSWORD);
		return jdbc.sql("select id, tenant_id, display_name from app_user where username = ?")
			.param(username)
			.query((rs, n) -> new Tenant(rs.getObject("tenant_id", UUID.class),
					new Actor(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class), username,
							rs.getString("display_name"), Set.of(Role.ADMIN)),
					HttpApi.basic(port, username, PASSWORD)))
			.single();
	}

	void publish(Object... published) {
		transactions.executeWithoutResult(status -> {
			for (Object event : published) {
				events.publishEvent(event);
			}
		});
	}

	static SortedMap<String, String> fields(String... pairs) {
		SortedMap<String, String> map = new TreeMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	static List<JsonNode> items(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return answer.json().at("/items").valueStream().toList();
	}

	static List<String> texts(List<JsonNode> nodes, String pointer) {
		return nodes.stream().map(n -> n.at(pointer).isNull() ? null : n.at(pointer).asString()).toList();
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Test
	void recordsCreateUpdateAndDeleteWithFieldLevelChanges() {
		Tenant tenant = tenant();
		UUID profile = UUID.randomUUID();
		SortedMap<String, String> created = fields("name", "Sales chat", "appearance.primaryColor", "#0B5FFF",
				"logoAssetId", null);
		SortedMap<String, String> updated = fields("name", "Sales chat", "appearance.primaryColor", "#FF0000",
				"logoAssetId", null);
		publish(new ChatProfileCreated(tenant.id(), profile, "Sales chat", created, tenant.actor()));
		publish(new ChatProfileUpdated(tenant.id(), profile, "Sales chat", created, updated, tenant.actor()));
		publish(new ChatProfileUpdated(tenant.id(), profile, "Sales chat", updated, updated, tenant.actor()));
		publish(new ChatProfileDeleted(tenant.id(), profile, "Sales chat", updated, tenant.actor()));

		List<JsonNode> rows = items(tenant.api().get("/api/v1/chat-profiles/" + profile + "/audit"));

		assertThat(texts(rows, "/action")).containsExactly("DELETED", "UPDATED", "CREATED");
		JsonNode update = rows.get(1);
		assertThat(update.at("/entityType").asString()).isEqualTo("CHAT_PROFILE");
		assertThat(update.at("/entityId").asString()).isEqualTo(profile.toString());
		assertThat(update.at("/entityName").asString()).isEqualTo("Sales chat");
		assertThat(update.at("/actor").asString()).isEqualTo(tenant.actor().username());
		assertThat(update.at("/actorName").asString()).isEqualTo(tenant.actor().displayName());
		assertThat(update.at("/changes").size()).isEqualTo(1);
		assertThat(update.at("/changes/0/field").asString()).isEqualTo("appearance.primaryColor");
		assertThat(update.at("/changes/0/oldValue").asString()).isEqualTo("#0B5FFF");
		assertThat(update.at("/changes/0/newValue").asString()).isEqualTo("#FF0000");
		assertThat(texts(rows.get(2).at("/changes").valueStream().toList(), "/field"))
			.containsExactly("appearance.primaryColor", "name");
		assertThat(rows.get(2).at("/changes/1/oldValue").isNull()).isTrue();
		assertThat(texts(rows.get(0).at("/changes").valueStream().toList(), "/newValue")).containsExactly(null, null);
		assertThat(texts(rows.get(0).at("/changes").valueStream().toList(), "/oldValue"))
			.containsExactly("#FF0000", "Sales chat");
		assertThat(Instant.parse(rows.get(0).at("/occurredAt").asString()))
			.isAfter(Instant.parse(rows.get(1).at("/occurredAt").asString()));
	}

	@Test
	void aChangeThatRollsBackLeavesNoAuditRow() {
		Tenant tenant = tenant();
		UUID profile = UUID.randomUUID();
		transactions.executeWithoutResult(status -> {
			events.publishEvent(new ChatProfileCreated(tenant.id(), profile, "Doomed", fields("name", "Doomed"),
					tenant.actor()));
			status.setRollbackOnly();
		});

		assertThat(items(tenant.api().get("/api/v1/chat-profiles/" + profile + "/audit"))).isEmpty();
		assertThat(tenant.api().get("/api/v1/audit/verify").json().at("/checked").asLong()).isZero();

		publish(new ChatProfileCreated(tenant.id(), profile, "Kept", fields("name", "Kept"), tenant.actor()));
		assertThat(items(tenant.api().get("/api/v1/chat-profiles/" + profile + "/audit"))).hasSize(1);
		assertThat(tenant.api().get("/api/v1/audit/verify").json().at("/valid").asBoolean()).isTrue();
	}

	@Test
	void refusesToRecordAChangeOutsideATransaction() {
		Tenant tenant = tenant();
		UUID profile = UUID.randomUUID();
		assertThatThrownBy(() -> events.publishEvent(new ChatProfileCreated(tenant.id(), profile, "Loose",
				fields("name", "Loose"), tenant.actor())))
			.hasMessageContaining("transaction");
		assertThat(items(tenant.api().get("/api/v1/chat-profiles/" + profile + "/audit"))).isEmpty();
	}

	@Test
	void recordsAssignmentOnBothSidesAndAMoveOnAllThree() {
		Tenant tenant = tenant();
		UUID poc = UUID.randomUUID();
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		publish(new ChatProfileAssigned(tenant.id(), poc, "Sales page", first, "Sales chat", null, null,
				tenant.actor()));
		publish(new ChatProfileAssigned(tenant.id(), poc, "Sales page", second, "Support chat", first, "Sales chat",
				tenant.actor()));
		publish(new ChatProfileUnassigned(tenant.id(), poc, "Sales page", second, "Support chat", tenant.actor()));

		List<JsonNode> pocRows = items(tenant.api().get("/api/v1/points-of-contact/" + poc + "/audit"));
		assertThat(texts(pocRows, "/action")).containsExactly("UNASSIGNED", "ASSIGNED", "ASSIGNED");
		assertThat(texts(pocRows, "/entityName")).containsOnly("Sales page");
		assertThat(texts(pocRows, "/changes/0/field")).containsOnly("chatProfileId");
		assertThat(texts(pocRows, "/changes/0/oldValue")).containsExactly(second.toString(), first.toString(), null);
		assertThat(texts(pocRows, "/changes/0/newValue")).containsExactly(null, second.toString(), first.toString());

		List<JsonNode> firstRows = items(tenant.api().get("/api/v1/chat-profiles/" + first + "/audit"));
		assertThat(texts(firstRows, "/action")).containsExactly("UNASSIGNED", "ASSIGNED");
		assertThat(texts(firstRows, "/entityName")).containsOnly("Sales chat");
		assertThat(texts(firstRows, "/changes/0/field")).containsOnly("pointOfContactId");
		assertThat(texts(firstRows, "/changes/0/oldValue")).containsExactly(poc.toString(), null);
		assertThat(texts(firstRows, "/changes/0/newValue")).containsExactly(null, poc.toString());

		List<JsonNode> secondRows = items(tenant.api().get("/api/v1/chat-profiles/" + second + "/audit"));
		assertThat(texts(secondRows, "/action")).containsExactly("UNASSIGNED", "ASSIGNED");
		assertThat(texts(secondRows, "/changes/0/oldValue")).containsExactly(poc.toString(), null);
		assertThat(texts(secondRows, "/changes/0/newValue")).containsExactly(null, poc.toString());

		assertThat(tenant.api().get("/api/v1/audit/verify").json().at("/checked").asLong()).isEqualTo(7);
	}

	@Test
	void filtersByTextActorFieldActionAndEntity() {
		Tenant tenant = tenant();
		Actor zoe = tenant.colleague("zoe-" + UUID.randomUUID().toString().substring(0, 6), "Zoë Ünal");
		UUID profile = UUID.randomUUID();
		UUID poc = UUID.randomUUID();
		SortedMap<String, String> before = fields("name", "Sales chat", "appearance.primaryColor", "#0B5FFF",
				"appearance.welcomeMessage", "Hello 100% of you");
		SortedMap<String, String> after = fields("name", "Sales chat", "appearance.primaryColor", "#FF0000",
				"appearance.welcomeMessage", "Hello 100% of you");
		publish(new ChatProfileCreated(tenant.id(), profile, "Sales chat", before, tenant.actor()),
				new ChatProfileUpdated(tenant.id(), profile, "Sales chat", before, after, zoe),
				new PointOfContactCreated(tenant.id(), poc, "Support page",
						fields("name", "Support page", "skill", "support"), tenant.actor()),
				new PointOfContactUpdated(tenant.id(), poc, "Support page",
						fields("name", "Support page", "skill", "support"),
						fields("name", "Support page", "skill", "sales_team"), zoe));
		HttpApi api = tenant.api();

		// the creation's name field holds it; the update by zoe changed only the colour of the profile so named
		assertThat(texts(items(api.get("/api/v1/audit?q=SALES+CHAT")), "/action")).containsExactly("CREATED");
		assertThat(texts(items(api.get("/api/v1/audit?q=" + encode("#ff00"))), "/action")).containsExactly("UPDATED");
		assertThat(texts(items(api.get("/api/v1/audit?q=" + encode("zoë ün"))), "/actor")).containsOnly(zoe.username())
			.hasSize(2);
		assertThat(texts(items(api.get("/api/v1/audit?q=PRIMARYCOLOR")), "/entityId")).containsOnly(profile.toString());
		assertThat(items(api.get("/api/v1/audit?q=" + encode("100%")))).hasSize(1);
		assertThat(items(api.get("/api/v1/audit?q=" + encode("%")))).hasSize(1);
		assertThat(items(api.get("/api/v1/audit?q=" + encode("sales_team")))).hasSize(1);
		assertThat(items(api.get("/api/v1/audit?q=" + encode("sales_tea_")))).isEmpty();
		assertThat(items(api.get("/api/v1/audit?q=nowhere-to-be-found"))).isEmpty();

		assertThat(texts(items(api.get("/api/v1/audit?actor=" + zoe.username().toUpperCase())), "/action"))
			.containsExactly("UPDATED", "UPDATED");
		assertThat(texts(items(api.get("/api/v1/audit?field=skill")), "/entityId")).containsExactly(poc.toString(),
				poc.toString());
		assertThat(items(api.get("/api/v1/audit?field=appearance.primaryColor&action=UPDATED"))).hasSize(1);
		assertThat(items(api.get("/api/v1/audit?field=appearance.welcomeMessage&action=UPDATED"))).isEmpty();
		assertThat(texts(items(api.get("/api/v1/audit?action=CREATED")), "/entityName"))
			.containsExactly("Support page", "Sales chat");
		assertThat(texts(items(api.get("/api/v1/audit?entityType=POINT_OF_CONTACT")), "/entityId"))
			.containsOnly(poc.toString()).hasSize(2);
		assertThat(texts(items(api.get("/api/v1/audit?entityId=" + profile)), "/entityId"))
			.containsOnly(profile.toString()).hasSize(2);
		assertThat(items(api.get("/api/v1/audit?entityType=POINT_OF_CONTACT&entityId=" + profile))).isEmpty();
		assertThat(items(api.get("/api/v1/chat-profiles/" + profile + "/audit?actor=" + zoe.username()))).hasSize(1);
		assertThat(items(api.get("/api/v1/chat-profiles/" + profile + "/audit?action=CREATED&q=0b5fff"))).hasSize(1);
		assertThat(items(api.get("/api/v1/points-of-contact/" + poc + "/audit?field=skill&q=sales_team"))).hasSize(1);
		assertThat(items(api.get("/api/v1/points-of-contact/" + profile + "/audit"))).isEmpty();
	}

	@Test
	void freeTextFindsEventsWithAMatchingFieldChangeNotJustAMatchingEntityName() {
		Tenant tenant = tenant();
		UUID desk = UUID.randomUUID();
		UUID form = UUID.randomUUID();
		publish(new ChatProfileUpdated(tenant.id(), desk, "Billing desk", fields("appearance.headerTitle", "Hi"),
				fields("appearance.headerTitle", "Hello"), tenant.actor()),
				new ChatProfileUpdated(tenant.id(), form, "Form", fields("preChatForm.fields[2].options", "[]"),
						fields("preChatForm.fields[2].options", "[\"Billing\",\"Sales\"]"), tenant.actor()));
		HttpApi api = tenant.api();

		// "Billing" is only the name of the desk: none of its changes holds it
		assertThat(texts(items(api.get("/api/v1/audit?q=billing")), "/entityId")).containsExactly(form.toString());
		// a field's label finds its changes, as the console shows them
		assertThat(texts(items(api.get("/api/v1/audit?q=" + encode("header TITLE"))), "/entityId"))
			.containsExactly(desk.toString());
		assertThat(texts(items(api.get("/api/v1/audit?q=" + encode("Field 3 › Options"))), "/entityId"))
			.containsExactly(form.toString());
		assertThat(items(api.get("/api/v1/audit?q=" + encode("Field 2 › Options")))).isEmpty();
		// the raw path and the actor still match
		assertThat(items(api.get("/api/v1/audit?q=" + encode("fields[2]")))).hasSize(1);
		assertThat(items(api.get("/api/v1/audit?q=" + encode(tenant.actor().displayName())))).hasSize(2);
	}

	@Test
	void fieldFilterMatchesAWholeSection() {
		Tenant tenant = tenant();
		UUID profile = UUID.randomUUID();
		SortedMap<String, String> before = fields("waitingQueue.message", "Wait", "appearance.primaryColor", "#000000");
		publish(new ChatProfileCreated(tenant.id(), profile, "Sectioned", before, tenant.actor()),
				new ChatProfileUpdated(tenant.id(), profile, "Sectioned", before,
						fields("waitingQueue.message", "Hold on", "appearance.primaryColor", "#000000"), tenant.actor()),
				new ChatProfileUpdated(tenant.id(), profile, "Sectioned", before,
						fields("waitingQueue.message", "Wait", "appearance.primaryColor", "#FFFFFF"), tenant.actor()),
				new ChatProfileUpdated(tenant.id(), profile, "Sectioned", fields(),
						fields("preChatForm.fields[2].options", "[\"A\"]"), tenant.actor()),
				new ChatProfileUpdated(tenant.id(), profile, "Sectioned", fields(),
						fields("preChatForm.fieldsets", "x"), tenant.actor()));
		HttpApi api = tenant.api();

		assertThat(items(api.get("/api/v1/audit?field=waitingQueue"))).hasSize(2);
		assertThat(items(api.get("/api/v1/audit?field=waitingQueue&action=UPDATED"))).hasSize(1);
		assertThat(items(api.get("/api/v1/audit?field=waitingQueue.message"))).hasSize(2);
		assertThat(items(api.get("/api/v1/audit?field=appearance"))).hasSize(2);
		assertThat(texts(items(api.get("/api/v1/audit?field=preChatForm.fields")), "/changes/0/field"))
			.containsExactly("preChatForm.fields[2].options");
		assertThat(items(api.get("/api/v1/audit?field=" + encode("preChatForm.fields[2]")))).hasSize(1);
		assertThat(items(api.get("/api/v1/audit?field=preChatForm"))).hasSize(2);
		// a section ends at a dot or a bracket: a name that merely starts the same is another field
		assertThat(items(api.get("/api/v1/audit?field=waiting"))).isEmpty();
		assertThat(items(api.get("/api/v1/chat-profiles/" + profile + "/audit?field=waitingQueue"))).hasSize(2);
	}

	@Test
	void tenantWideFreeTextFindsTheSameRowsWhicheverStepFindsThem() {
		Tenant tenant = tenant();
		List<Object> published = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String value = i % 3 == 0 ? "Common words " + i : "rare-" + i;
			published.add(new ChatProfileUpdated(tenant.id(), UUID.randomUUID(), "Profile " + i,
					fields("headerTitle", "before " + i), fields("headerTitle", value), tenant.actor()));
		}
		publish(published.toArray());
		// Reads only the newest 4 rows through the time index before it turns to the trigram index.
		AuditLog stepwise = new AuditLog(dataSource, transactionManager, auditFields, 4);
		Instant now = Instant.now();
		for (String text : List.of("common", "RARE-2", "rare-", "headertitle", "e", "absent", "profile 1")) {
			AuditQuery query = new AuditQuery(tenant.id(), null, null, text, null, null, null,
					now.minus(Duration.ofDays(1)), now);
			List<UUID> all = auditLog.search(query, null, 500).items().stream().map(AuditEvent::id).toList();
			for (int limit : List.of(1, 3, 7, 50)) {
				List<UUID> paged = new ArrayList<>();
				String cursor = null;
				do {
					io.parley.shared.ListPage<AuditEvent> page = stepwise.search(query, cursor, limit);
					page.items().forEach(event -> paged.add(event.id()));
					cursor = page.nextCursor();
				}
				while (cursor != null);
				assertThat(paged).as(text + " by " + limit).isEqualTo(all);
			}
		}
		AuditQuery common = new AuditQuery(tenant.id(), null, null, "common", null, null, null,
				now.minus(Duration.ofDays(1)), now);
		assertThat(stepwise.search(common, null, 500).items()).hasSize(10);
		AuditQuery rare = new AuditQuery(tenant.id(), null, null, "rare-1", null, null, null,
				now.minus(Duration.ofDays(1)), now);
		assertThat(stepwise.search(rare, null, 500).items()).extracting(AuditEvent::entityName)
			.containsExactly("Profile 19", "Profile 17", "Profile 16", "Profile 14", "Profile 13", "Profile 11",
					"Profile 10", "Profile 1");
	}

	@Test
	void storesHostileTextUnchangedAndSearchesItSafely() {
		Tenant tenant = tenant();
		UUID profile = UUID.randomUUID();
		List<String> hostile = HostileInputs.storableTexts();
		SortedMap<String, String> state = fields("name", "Hostile");
		List<Object> published = new ArrayList<>();
		published.add(new ChatProfileCreated(tenant.id(), profile, "Hostile", state, tenant.actor()));
		for (String text : hostile) {
			SortedMap<String, String> next = fields("name", "Hostile", "appearance.welcomeMessage", text);
			published.add(new ChatProfileUpdated(tenant.id(), profile, "Hostile", state, next, tenant.actor()));
			state = next;
		}
		publish(published.toArray());

		List<JsonNode> rows = items(tenant.api().get("/api/v1/chat-profiles/" + profile + "/audit?limit=500"));
		List<String> stored = new ArrayList<>(texts(rows, "/changes/0/newValue").subList(0, rows.size() - 1));
		java.util.Collections.reverse(stored);
		List<String> expected = new ArrayList<>();
		String previous = null;
		for (String text : hostile) {
			if (!text.equals(previous)) {
				expected.add(text);
			}
			previous = text;
		}
		assertThat(stored).isEqualTo(expected);
		for (String text : hostile.subList(0, Math.min(20, hostile.size()))) {
			Answer answer = tenant.api().get("/api/v1/audit?q=" + encode(text.substring(0, Math.min(200,
					text.length()))));
			assertThat(answer.status()).as(text).isIn(200, 400);
		}
		assertThat(tenant.api().get("/api/v1/audit/verify").json().at("/valid").asBoolean()).isTrue();
	}

	@Test
	void defaultsToTheLast30DaysAndHonoursAnExplicitRange() {
		Tenant tenant = tenant();
		UUID profile = UUID.randomUUID();
		Instant old = Instant.now().minus(Duration.ofDays(45)).truncatedTo(ChronoUnit.SECONDS);
		AuditWriter past = new AuditWriter(jdbcTemplate, partitions, Clock.fixed(old, ZoneOffset.UTC));
		transactions.executeWithoutResult(status -> past.append(tenant.id(), tenant.actor(),
				List.of(new AuditWriter.Entry(AuditedEntityType.CHAT_PROFILE, profile, "Old name", AuditAction.CREATED,
						List.of(new FieldChange("name", null, "Old name"))))));
		publish(new ChatProfileUpdated(tenant.id(), profile, "New name", fields("name", "Old name"),
				fields("name", "New name"), tenant.actor()));
		String path = "/api/v1/chat-profiles/" + profile + "/audit";

		assertThat(texts(items(tenant.api().get(path)), "/action")).containsExactly("UPDATED");
		assertThat(texts(items(tenant.api().get("/api/v1/audit")), "/action")).containsExactly("UPDATED");
		assertThat(texts(items(tenant.api().get(path + "?from=" + old.minus(Duration.ofDays(1)))), "/action"))
			.containsExactly("UPDATED", "CREATED");
		assertThat(texts(items(tenant.api().get(path + "?from=" + old + "&to=" + old)), "/action"))
			.containsExactly("CREATED");
		assertThat(texts(items(tenant.api().get(path + "?to=" + old.plus(Duration.ofDays(1)))), "/action"))
			.containsExactly("CREATED");
		assertThat(items(tenant.api().get(path + "?from=" + old.plusSeconds(1) + "&to=" + old.plus(Duration.ofDays(2)))))
			.isEmpty();
		assertThat(tenant.api().get("/api/v1/audit/verify").json().at("/valid").asBoolean()).isTrue();
	}

	@Test
	void pagesWithKeysetCursorsWithoutDuplicatesOrGaps() {
		Tenant tenant = tenant();
		UUID profile = UUID.randomUUID();
		List<Object> published = new ArrayList<>();
		for (int i = 0; i < 23; i++) {
			published.add(new ChatProfileUpdated(tenant.id(), profile, "Paged", fields("headerTitle", "v" + i),
					fields("headerTitle", "v" + (i + 1)), tenant.actor()));
		}
		publish(published.toArray());

		List<String> all = texts(items(tenant.api().get("/api/v1/audit?limit=500")), "/id");
		assertThat(all).hasSize(23).doesNotHaveDuplicates();

		List<String> paged = new ArrayList<>();
		List<Integer> sizes = new ArrayList<>();
		String cursor = null;
		do {
			Answer page = tenant.api().get("/api/v1/chat-profiles/" + profile + "/audit?limit=5"
					+ (cursor == null ? "" : "&cursor=" + cursor));
			List<JsonNode> rows = items(page);
			sizes.add(rows.size());
			paged.addAll(texts(rows, "/id"));
			cursor = page.json().at("/nextCursor").isNull() ? null : page.json().at("/nextCursor").asString();
		}
		while (cursor != null);

		assertThat(sizes).containsExactly(5, 5, 5, 5, 3);
		assertThat(paged).isEqualTo(all);
		List<String> newValues = texts(items(tenant.api().get("/api/v1/audit?limit=3")), "/changes/0/newValue");
		assertThat(newValues).containsExactly("v23", "v22", "v21");
	}

	@Test
	void exportsEveryMatchAsCsvWithFormulasDefused() throws IOException {
		Tenant tenant = tenant();
		UUID profile = UUID.randomUUID();
		publish(new ChatProfileCreated(tenant.id(), profile, "=HYPERLINK(\"http://evil\")",
				fields("name", "=HYPERLINK(\"http://evil\")", "a.plus", "+1", "b.minus", "-2", "c.at", "@SUM(A1)",
						"d.plain", "plain, with \"quotes\"\nand a second line"),
				tenant.actor()));
		for (int i = 0; i < 60; i++) {
			publish(new ChatProfileUpdated(tenant.id(), profile, "=HYPERLINK(\"http://evil\")",
					fields("headerTitle", "t" + i), fields("headerTitle", "t" + (i + 1)), tenant.actor()));
		}

		Answer csv = tenant.api().with("Accept", "text/csv").get("/api/v1/chat-profiles/" + profile + "/audit?limit=1");

		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.header("Content-Disposition")).startsWith("attachment").contains(".csv");
		List<CSVRecord> records;
		try (CSVParser parser = CSVParser.parse(new StringReader(csv.text()),
				CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
			assertThat(parser.getHeaderNames()).containsExactly("occurredAt", "actor", "action", "entityType",
					"entityName", "field", "oldValue", "newValue");
			records = parser.getRecords();
		}
		assertThat(records).hasSize(60 + 5);
		CSVRecord newest = records.get(0);
		assertThat(newest.get("action")).isEqualTo("UPDATED");
		assertThat(newest.get("field")).isEqualTo("headerTitle");
		assertThat(newest.get("oldValue")).isEqualTo("t59");
		assertThat(newest.get("newValue")).isEqualTo("t60");
		assertThat(newest.get("actor")).isEqualTo(tenant.actor().username());
		assertThat(newest.get("entityType")).isEqualTo("CHAT_PROFILE");
		assertThat(newest.get("entityName")).isEqualTo("'=HYPERLINK(\"http://evil\")");
		assertThat(Instant.parse(newest.get("occurredAt"))).isBefore(Instant.now());
		List<CSVRecord> created = records.subList(60, 65);
		assertThat(created).extracting(r -> r.get("action")).containsOnly("CREATED");
		assertThat(created).extracting(r -> r.get("newValue")).containsExactly("'+1", "'-2", "'@SUM(A1)",
				"plain, with \"quotes\"\nand a second line", "'=HYPERLINK(\"http://evil\")");

		Answer filtered = tenant.api().with("Accept", "text/csv").get("/api/v1/audit?action=CREATED");
		assertThat(filtered.text().lines().filter(l -> l.contains("UPDATED"))).isEmpty();
		assertThat(filtered.text()).contains("'@SUM(A1)");

		for (String accept : new String[] { null, "*/*", "application/json" }) {
			HttpApi api = accept == null ? tenant.api() : tenant.api().with("Accept", accept);
			Answer json = api.get("/api/v1/chat-profiles/" + profile + "/audit?limit=1");
			assertThat(json.header("Content-Type")).as(accept).startsWith("application/json");
			assertThat(json.json().at("/items").size()).isEqualTo(1);
		}
	}

	@Test
	void verifiesTheChainAndFindsATamperedRow() {
		Tenant tenant = tenant();
		UUID profile = UUID.randomUUID();
		publish(new ChatProfileCreated(tenant.id(), profile, "Chained", fields("name", "Chained"), tenant.actor()));
		for (int i = 0; i < 4; i++) {
			publish(new ChatProfileUpdated(tenant.id(), profile, "Chained", fields("headerTitle", "h" + i),
					fields("headerTitle", "h" + (i + 1)), tenant.actor()));
		}
		JsonNode valid = tenant.api().get("/api/v1/audit/verify").json();
		assertThat(valid.at("/valid").asBoolean()).isTrue();
		assertThat(valid.at("/checked").asLong()).isEqualTo(5);
		assertThat(valid.has("firstBrokenRow")).isFalse();

		UUID third = jdbc.sql("select id from audit_event where tenant_id = ? and seq = 3").param(tenant.id())
			.query(UUID.class).single();
		jdbc.sql("update audit_event set new_values = array['h-forged'] where tenant_id = ? and id = ?")
			.params(tenant.id(), third).update();

		JsonNode broken = tenant.api().get("/api/v1/audit/verify").json();
		assertThat(broken.at("/valid").asBoolean()).isFalse();
		assertThat(broken.at("/checked").asLong()).isEqualTo(3);
		assertThat(broken.at("/firstBrokenRow/id").asString()).isEqualTo(third.toString());
		assertThat(broken.at("/firstBrokenRow/seq").asLong()).isEqualTo(3);
		assertThat(broken.at("/firstBrokenRow/occurredAt").asString()).isNotBlank();
		assertThat(broken.at("/firstBrokenRow/reason").asString()).contains("changed");
	}

	@Test
	void concurrentChangesInOneTenantKeepOneUnbrokenChain() throws Exception {
		Tenant tenant = tenant();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<?>> done = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				UUID profile = UUID.randomUUID();
				done.add(pool.submit(() -> {
					for (int i = 0; i < 10; i++) {
						publish(new ChatProfileUpdated(tenant.id(), profile, "Busy", fields("headerTitle", "h" + i),
								fields("headerTitle", "h" + (i + 1)), tenant.actor()));
					}
				}));
			}
			for (java.util.concurrent.Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		JsonNode verification = tenant.api().get("/api/v1/audit/verify").json();
		assertThat(verification.at("/valid").asBoolean()).as(verification.toString()).isTrue();
		assertThat(verification.at("/checked").asLong()).isEqualTo(40);
		assertThat(items(tenant.api().get("/api/v1/audit?limit=500"))).hasSize(40);
	}

	@Test
	void verificationNoticesDeletedRows() {
		Tenant tenant = tenant();
		UUID profile = UUID.randomUUID();
		for (int i = 0; i < 4; i++) {
			publish(new ChatProfileUpdated(tenant.id(), profile, "Chained", fields("headerTitle", "h" + i),
					fields("headerTitle", "h" + (i + 1)), tenant.actor()));
		}
		jdbc.sql("delete from audit_event where tenant_id = ? and seq = 4").param(tenant.id()).update();
		JsonNode tail = tenant.api().get("/api/v1/audit/verify").json();
		assertThat(tail.at("/valid").asBoolean()).isFalse();
		assertThat(tail.at("/firstBrokenRow/reason").asString()).contains("missing");

		jdbc.sql("delete from audit_event where tenant_id = ? and seq = 2").param(tenant.id()).update();
		JsonNode middle = tenant.api().get("/api/v1/audit/verify").json();
		assertThat(middle.at("/valid").asBoolean()).isFalse();
		assertThat(middle.at("/firstBrokenRow/seq").asLong()).isEqualTo(3);
		assertThat(middle.at("/firstBrokenRow/reason").asString()).contains("missing");
	}

	@Test
	void retentionDropsWholeOldPartitionsAndKeepsRecentOnes() {
		Tenant tenant = tenant();
		UUID profile = UUID.randomUUID();
		Instant march2001 = Instant.parse("2001-03-15T10:00:00Z");
		Instant may2001 = Instant.parse("2001-05-20T10:00:00Z");
		for (Instant at : List.of(march2001, march2001, may2001)) {
			AuditWriter past = new AuditWriter(jdbcTemplate, partitions, Clock.fixed(at, ZoneOffset.UTC));
			transactions.executeWithoutResult(status -> past.append(tenant.id(), tenant.actor(),
					List.of(new AuditWriter.Entry(AuditedEntityType.CHAT_PROFILE, profile, "Ancient",
							AuditAction.UPDATED, List.of(new FieldChange("headerTitle", "a", "b"))))));
		}
		publish(new ChatProfileUpdated(tenant.id(), profile, "Ancient", fields("headerTitle", "b"),
				fields("headerTitle", "c"), tenant.actor()));
		assertThat(partitions.months()).contains(YearMonth.of(2001, 3), YearMonth.of(2001, 5));
		assertThat(items(tenant.api().get("/api/v1/audit?from=2001-01-01T00:00:00Z"))).hasSize(4);

		Instant now = Instant.now();
		assertThat(partitions.dropOlderThan(0, now)).isEmpty();
		assertThat(partitions.exists(YearMonth.of(2001, 3))).isTrue();

		List<YearMonth> dropped = partitions.dropOlderThan(12, now);

		assertThat(dropped).contains(YearMonth.of(2001, 3), YearMonth.of(2001, 5));
		assertThat(dropped).allMatch(month -> month.isBefore(AuditPartitions.monthOf(now).minusMonths(11)));
		assertThat(partitions.exists(YearMonth.of(2001, 3))).isFalse();
		assertThat(partitions.exists(YearMonth.of(2001, 5))).isFalse();
		YearMonth current = AuditPartitions.monthOf(now);
		assertThat(partitions.months()).contains(current, current.plusMonths(1), current.plusMonths(2),
				current.plusMonths(3));
		List<JsonNode> remaining = items(tenant.api().get("/api/v1/audit?from=2001-01-01T00:00:00Z"));
		assertThat(texts(remaining, "/changes/0/newValue")).containsExactly("c");
		JsonNode verification = tenant.api().get("/api/v1/audit/verify").json();
		assertThat(verification.at("/valid").asBoolean()).as(verification.toString()).isTrue();
		assertThat(verification.at("/checked").asLong()).isEqualTo(1);
	}

	@Test
	void anotherTenantSeesNothing() {
		Tenant owner = tenant();
		Tenant other = tenant();
		UUID profile = UUID.randomUUID();
		UUID poc = UUID.randomUUID();
		publish(new ChatProfileCreated(owner.id(), profile, "Private chat", fields("name", "Private chat"),
				owner.actor()),
				new PointOfContactCreated(owner.id(), poc, "Private page", fields("name", "Private page"),
						owner.actor()));

		assertThat(items(owner.api().get("/api/v1/chat-profiles/" + profile + "/audit"))).hasSize(1);
		assertThat(items(other.api().get("/api/v1/chat-profiles/" + profile + "/audit"))).isEmpty();
		assertThat(items(other.api().get("/api/v1/points-of-contact/" + poc + "/audit"))).isEmpty();
		assertThat(items(other.api().get("/api/v1/audit?entityId=" + profile))).isEmpty();
		assertThat(items(other.api().get("/api/v1/audit?q=private"))).isEmpty();
		assertThat(items(other.api().get("/api/v1/audit?actor=" + owner.actor().username()))).isEmpty();
		assertThat(items(other.api().get("/api/v1/audit"))).isEmpty();
		assertThat(other.api().with("Accept", "text/csv").get("/api/v1/audit").text().lines()).hasSize(1);
		JsonNode summary = other.api().get("/api/v1/chat-profiles/" + profile + "/audit/summary").json();
		assertThat(summary.at("/createdBy").isNull()).isTrue();
		assertThat(summary.at("/modifiedAt").isNull()).isTrue();
		assertThat(other.api().get("/api/v1/audit/verify").json().at("/checked").asLong()).isZero();
		assertThat(owner.api().get("/api/v1/audit/verify").json().at("/checked").asLong()).isEqualTo(2);
	}

	@Test
	void summaryNamesTheCreatorAndTheLastChange() {
		Tenant tenant = tenant();
		Actor editor = tenant.colleague("editor-" + UUID.randomUUID().toString().substring(0, 6), "Ed Itor");
		UUID profile = UUID.randomUUID();
		UUID poc = UUID.randomUUID();
		publish(new ChatProfileCreated(tenant.id(), profile, "Summarized", fields("name", "Summarized"),
				tenant.actor()));
		publish(new ChatProfileUpdated(tenant.id(), profile, "Summarized", fields("headerTitle", "a"),
				fields("headerTitle", "b"), editor));
		publish(new PointOfContactCreated(tenant.id(), poc, "Page", fields("name", "Page"), editor));

		JsonNode profileSummary = tenant.api().get("/api/v1/chat-profiles/" + profile + "/audit/summary").json();
		List<JsonNode> rows = items(tenant.api().get("/api/v1/chat-profiles/" + profile + "/audit"));
		assertThat(profileSummary.at("/createdBy").asString()).isEqualTo(tenant.actor().username());
		assertThat(profileSummary.at("/createdAt").asString()).isEqualTo(rows.get(1).at("/occurredAt").asString());
		assertThat(profileSummary.at("/modifiedBy").asString()).isEqualTo(editor.username());
		assertThat(profileSummary.at("/modifiedAt").asString()).isEqualTo(rows.get(0).at("/occurredAt").asString());
		JsonNode pocSummary = tenant.api().get("/api/v1/points-of-contact/" + poc + "/audit/summary").json();
		assertThat(pocSummary.at("/createdBy").asString()).isEqualTo(editor.username());
		assertThat(pocSummary.at("/modifiedBy").asString()).isEqualTo(editor.username());
		assertThat(tenant.api().get("/api/v1/points-of-contact/" + profile + "/audit/summary").json()
			.at("/createdBy").isNull()).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "action=MOVED|action", "entityType=USER|entityType",
			"entityId=not-a-uuid|entityId", "from=yesterday|from", "to=2026-13-45T00:00:00Z|to",
			"from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z|from", "limit=0|limit", "limit=501|limit",
			"limit=ten|limit", "cursor=!!!|cursor", "cursor=YWJj|cursor", "q=a%00b|q", "actor=x%00|actor",
			"field=f%00|field" })
	void rejectsBadFiltersNamingTheParameter(String query, String parameter) {
		for (HttpApi api : List.of(HttpApi.admin(port), HttpApi.admin(port).with("Accept", "text/csv"))) {
			for (String path : List.of("/api/v1/audit", "/api/v1/chat-profiles/" + UUID.randomUUID() + "/audit")) {
				if (path.contains("chat-profiles") && parameter.startsWith("entity")) {
					continue;
				}
				Answer answer = api.get(path + "?" + query);
				assertThat(answer.status()).as(path + "?" + query + " " + answer).isEqualTo(400);
				assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
				assertThat(answer.json().at("/errors").valueStream().map(e -> e.at("/field").asString()))
					.contains(parameter);
			}
		}
	}

	@Test
	void rejectsAnIdThatIsNotAUuid() {
		Answer answer = HttpApi.admin(port).get("/api/v1/chat-profiles/not-a-uuid/audit");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().at("/errors/0/field").asString()).isEqualTo("id");
	}

	@Test
	void agentsMayNotReadTheAuditHistory() {
		String name = "audit-agent-" + UUID.randomUUID().toString().substring(0, 8);
		Answer created = HttpApi.admin(port).post("/api/v1/users", Map.of("username", name, "displayName", "Agent",
				"password", "agent-password", "roles", List.of("AGENT")));
		assertThat(created.status()).isEqualTo(201);
		HttpApi agent = HttpApi.basic(port, name, "agent-password");
		UUID id = UUID.randomUUID();
		Set<Integer> statuses = new HashSet<>();
		for (String path : List.of("/api/v1/audit", "/api/v1/audit/verify", "/api/v1/chat-profiles/" + id + "/audit",
				"/api/v1/points-of-contact/" + id + "/audit", "/api/v1/chat-profiles/" + id + "/audit/summary",
				"/api/v1/points-of-contact/" + id + "/audit/summary")) {
			Answer answer = agent.get(path);
			assertThat(answer.status()).as(path).isEqualTo(403);
			statuses.add(agent.with("Accept", "text/csv").get(path).status());
		}
		assertThat(statuses).containsExactly(403);
		assertThat(HttpApi.admin(port).get("/api/v1/audit").status()).isEqualTo(200);
	}
}

package io.parley.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.parley.HostileInputs;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;
import io.parley.contactpoints.RecordedEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class ChatProfilesIntegrationTest {

	static final String PROFILES = "/api/v1/chat-profiles";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants testTenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordedEvents events;

	HttpApi admin;

	@BeforeEach
	void setUp() {
		admin = HttpApi.admin(port);
	}

	// ---- create, read, update, delete ------------------------------------------------------------------------------

	@Test
	void createsReadsUpdatesAndDeletesAProfile() {
		String name = unique("Sales chat");
		Answer created = admin.post(PROFILES, v2Profile(name));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode body = created.json();
		String id = body.at("/id").asString();
		assertThat(created.header("Location")).endsWith(PROFILES + "/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		assertThat(body.at("/name").asString()).isEqualTo(name);
		assertThat(body.at("/interfaceVersion").asString()).isEqualTo("V2");
		assertThat(body.at("/appearance/primaryColor").asString()).isEqualTo("#0B5FFF");
		assertThat(body.at("/appearance/buttonPosition").asString()).isEqualTo("BOTTOM_LEFT");
		assertThat(body.at("/preChatForm/fields/2/options/1").asString()).isEqualTo("Orders");
		assertThat(body.at("/preChatForm/fields/0/maxLength").asInt()).isEqualTo(80);
		assertThat(body.at("/waitingQueue/message").asString()).isEqualTo("Thanks for waiting");
		assertThat(body.at("/version").asInt()).isEqualTo(1);
		assertThat(body.at("/createdBy").asString()).isEqualTo("admin");
		assertThat(body.at("/updatedBy").asString()).isEqualTo("admin");
		assertThat(Instant.parse(body.at("/createdAt").asString())).isEqualTo(Instant.parse(body.at("/updatedAt").asString()));

		Answer read = admin.get(PROFILES + "/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.header("ETag")).isEqualTo("\"1\"");
		assertThat(read.json()).isEqualTo(body);

		Map<String, Object> changed = v2Profile(name);
		appearance(changed).put("primaryColor", "#FF0000");
		Answer updated = admin.with("If-Match", "\"1\"").put(PROFILES + "/" + id, changed);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.header("ETag")).isEqualTo("\"2\"");
		assertThat(updated.json().at("/version").asInt()).isEqualTo(2);
		assertThat(updated.json().at("/appearance/primaryColor").asString()).isEqualTo("#FF0000");
		assertThat(updated.json().at("/createdAt")).isEqualTo(body.at("/createdAt"));
		assertThat(admin.get(PROFILES + "/" + id).json().at("/appearance/primaryColor").asString()).isEqualTo("#FF0000");

		assertThat(admin.with("If-Match", "\"2\"").delete(PROFILES + "/" + id).status()).isEqualTo(204);
		Answer gone = admin.get(PROFILES + "/" + id);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
		assertThat(admin.delete(PROFILES + "/" + id).status()).isEqualTo(404);
	}

	@Test
	void buttonOffsetIsWholePixelsFrom0To200AndItsChangesAreAudited() {
		Answer created = admin.post(PROFILES, Map.of("name", unique("Offset"), "interfaceVersion", "V1"));
		assertThat(created.json().at("/appearance/buttonOffset")).as("the default")
			.isEqualTo(HttpApi.JSON.readTree("{\"x\": 20, \"y\": 20}"));
		String id = created.json().at("/id").asString();
		for (Object wrong : List.of(201, -1, 1.5, "20", true)) {
			Answer refused = admin.put(PROFILES + "/" + id, Map.of("name", unique("Offset"), "interfaceVersion", "V1",
					"appearance", Map.of("buttonOffset", Map.of("x", wrong, "y", 20))));
			assertThat(refused.status()).as(wrong + ": " + refused).isEqualTo(400);
			assertThat(refused.json().at("/errors/0/field").asString()).as(wrong.toString())
				.isEqualTo("appearance.buttonOffset.x");
		}
		Answer moved = admin.put(PROFILES + "/" + id, Map.of("name", created.json().at("/name").asString(),
				"interfaceVersion", "V1", "appearance", Map.of("buttonOffset", Map.of("x", 0, "y", 200))));
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		assertThat(admin.get(PROFILES + "/" + id).json().at("/appearance/buttonOffset/y").asInt()).isEqualTo(200);

		JsonNode update = admin.get(PROFILES + "/" + id + "/audit?action=UPDATED").json().at("/items/0/changes");
		assertThat(update.toString()).contains(
				"{\"field\":\"appearance.buttonOffset.x\",\"oldValue\":\"20\",\"newValue\":\"0\"}",
				"{\"field\":\"appearance.buttonOffset.y\",\"oldValue\":\"20\",\"newValue\":\"200\"}");
	}

	@Test
	void fillsTheDocumentedAppearanceDefaults() {
		Answer created = admin.post(PROFILES, Map.of("name", unique("Defaults"), "interfaceVersion", "V1"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode appearance = created.json().at("/appearance");
		assertThat(appearance.at("/primaryColor").asString()).isEqualTo("#0B5FFF");
		assertThat(appearance.at("/primaryTextColor").asString()).isEqualTo("#FFFFFF");
		assertThat(appearance.at("/agentBubbleColor").asString()).isEqualTo("#F1F3F5");
		assertThat(appearance.at("/agentBubbleTextColor").asString()).isEqualTo("#111111");
		assertThat(appearance.at("/topBarColor").asString()).isEqualTo("#0B5FFF");
		assertThat(appearance.at("/topBarTextColor").asString()).isEqualTo("#FFFFFF");
		assertThat(appearance.at("/fontFamily").asString()).isEqualTo("system-ui");
		assertThat(appearance.at("/fontSize").asString()).isEqualTo("REGULAR");
		assertThat(appearance.at("/headerTitle").asString()).isEqualTo("Chat with us");
		assertThat(appearance.at("/welcomeMessage").asString()).isEqualTo("Hi! How can we help?");
		assertThat(appearance.at("/buttonLabel").asString()).isEqualTo("Live Chat");
		assertThat(appearance.at("/buttonPosition").asString()).isEqualTo("BOTTOM_RIGHT");
		assertThat(created.json().at("/preChatForm").isNull()).isTrue();
		assertThat(created.json().at("/waitingQueue").isNull()).isTrue();
		assertThat(created.json().at("/logoAssetId").isNull()).isTrue();
	}

	@Test
	void refusesAStaleIfMatchWith412() {
		String id = create(v2Profile(unique("Stale"))).at("/id").asString();
		Map<String, Object> changed = v2Profile(unique("Stale renamed"));
		assertThat(admin.with("If-Match", "\"1\"").put(PROFILES + "/" + id, changed).status()).isEqualTo(200);

		Answer stalePut = admin.with("If-Match", "\"1\"").put(PROFILES + "/" + id, v2Profile(unique("Lost update")));
		assertThat(stalePut.status()).isEqualTo(412);
		assertThat(stalePut.header("Content-Type")).startsWith("application/problem+json");
		assertThat(admin.with("If-Match", "\"1\"").delete(PROFILES + "/" + id).status()).isEqualTo(412);
		assertThat(admin.with("If-Match", "garbage").delete(PROFILES + "/" + id).status()).isEqualTo(412);
		assertThat(admin.get(PROFILES + "/" + id).json().at("/name").asString()).isEqualTo(changed.get("name"));

		// without If-Match the write is accepted
		assertThat(admin.put(PROFILES + "/" + id, v2Profile(unique("Blind write"))).status()).isEqualTo(200);
		assertThat(admin.delete(PROFILES + "/" + id).status()).isEqualTo(204);
	}

	@Test
	void anUnchangedPutKeepsTheVersionAndPublishesNothing() {
		JsonNode created = create(v2Profile(unique("Unchanged")));
		String id = created.at("/id").asString();
		int eventsBefore = events.about(id).size();

		// what a GET answered can be sent back as it is: the read-only fields are ignored
		Answer same = admin.with("If-Match", "\"1\"").put(PROFILES + "/" + id, created);
		assertThat(same.status()).as(same.toString()).isEqualTo(200);
		assertThat(same.header("ETag")).isEqualTo("\"1\"");
		assertThat(same.json()).isEqualTo(created);
		assertThat(events.about(id)).hasSize(eventsBefore);

		ObjectNode renamed = (ObjectNode) created.deepCopy();
		renamed.put("name", created.at("/name").asString() + " again");
		Answer changed = admin.put(PROFILES + "/" + id, renamed);
		assertThat(changed.json().at("/version").asInt()).isEqualTo(2);
		assertThat(events.about(id)).hasSize(eventsBefore + 1);
	}

	@Test
	void publishesEveryFieldByDottedPath() {
		String name = unique("Evented");
		String id = create(v2Profile(name)).at("/id").asString();
		assertThat(events.typesAbout(id)).containsExactly(ChatProfileCreated.class);
		ChatProfileCreated created = (ChatProfileCreated) events.about(id).get(0);
		assertThat(created.name()).isEqualTo(name);
		assertThat(created.actor().username()).isEqualTo("admin");
		assertThat(created.fields()).containsEntry("name", name)
			.containsEntry("interfaceVersion", "V2")
			.containsEntry("appearance.primaryColor", "#0B5FFF")
			.containsEntry("preChatForm.enabled", "true")
			.containsEntry("preChatForm.fields[0].label", "Name")
			.containsEntry("preChatForm.fields[0].maxLength", "80")
			.containsEntry("preChatForm.fields[1].required", "true")
			.containsEntry("preChatForm.fields[2].options", "[\"Billing\",\"Orders\"]")
			.containsEntry("waitingQueue.showPosition", "true")
			.containsEntry("logoAssetId", null);

		Map<String, Object> changed = v2Profile(name);
		formFields(changed).get(0).put("label", "Your name");
		admin.put(PROFILES + "/" + id, changed);
		assertThat(events.typesAbout(id)).containsExactly(ChatProfileCreated.class, ChatProfileUpdated.class);
		ChatProfileUpdated updated = (ChatProfileUpdated) events.about(id).get(1);
		assertThat(updated.before()).containsEntry("preChatForm.fields[0].label", "Name");
		assertThat(updated.after()).containsEntry("preChatForm.fields[0].label", "Your name");

		admin.delete(PROFILES + "/" + id);
		assertThat(events.typesAbout(id)).containsExactly(ChatProfileCreated.class, ChatProfileUpdated.class,
				ChatProfileDeleted.class);
		assertThat(((ChatProfileDeleted) events.about(id).get(2)).fields()).containsEntry("preChatForm.fields[0].label",
				"Your name");
	}

	// ---- names, copies, lists ---------------------------------------------------------------------------------------

	@Test
	void refusesADuplicateNameIgnoringCase() {
		String name = unique("Duplicate");
		create(v2Profile(name));
		Answer duplicate = admin.post(PROFILES, v2Profile(name.toUpperCase()));
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.header("Content-Type")).startsWith("application/problem+json");
		assertThat(duplicate.json().at("/detail").asString()).contains(name.toUpperCase());

		String other = create(v2Profile(unique("Other"))).at("/id").asString();
		assertThat(admin.put(PROFILES + "/" + other, v2Profile(name.toLowerCase())).status()).isEqualTo(409);
		assertThat(admin.post(PROFILES + "/" + other + "/copy", Map.of("name", name)).status()).isEqualTo(409);
	}

	@Test
	void copiesAProfileWithTheSameSettings() {
		JsonNode source = create(v2Profile(unique("Original")));
		String copyName = unique("Copy");
		Answer copy = admin.post(PROFILES + "/" + source.at("/id").asString() + "/copy", Map.of("name", copyName));
		assertThat(copy.status()).as(copy.toString()).isEqualTo(201);
		String copyId = copy.json().at("/id").asString();
		assertThat(copyId).isNotEqualTo(source.at("/id").asString());
		assertThat(copy.header("Location")).endsWith(PROFILES + "/" + copyId);
		assertThat(copy.header("ETag")).isEqualTo("\"1\"");
		assertThat(copy.json().at("/name").asString()).isEqualTo(copyName);
		assertThat(copy.json().at("/version").asInt()).isEqualTo(1);
		for (String part : List.of("/description", "/interfaceVersion", "/appearance", "/logoAssetId", "/preChatForm",
				"/waitingQueue")) {
			assertThat(copy.json().at(part)).as(part).isEqualTo(source.at(part));
		}
		assertThat(events.typesAbout(copyId)).containsExactly(ChatProfileCreated.class);

		Answer noName = admin.post(PROFILES + "/" + source.at("/id").asString() + "/copy", Map.of());
		assertThat(noName.status()).isEqualTo(400);
		assertThat(fields(noName)).containsExactly("name");
		assertThat(admin.post(PROFILES + "/" + UUID.randomUUID() + "/copy", Map.of("name", unique("x"))).status())
			.isEqualTo(404);
	}

	@Test
	void listsByNameWithAKeysetCursorAndAQuery() {
		String token = UUID.randomUUID().toString().substring(0, 8);
		create(v2Profile("b list " + token));
		create(v2Profile("A list " + token));
		create(v2Profile("c list " + token.toUpperCase()));
		create(v2Profile("unrelated " + UUID.randomUUID()));

		Answer first = admin.get(PROFILES + "?limit=2&q=LIST+" + token);
		assertThat(first.status()).isEqualTo(200);
		assertThat(names(first)).containsExactly("A list " + token, "b list " + token);
		String cursor = first.json().at("/nextCursor").asString();
		assertThat(cursor).isNotBlank();

		Answer second = admin.get(PROFILES + "?limit=2&q=list+" + token + "&cursor=" + cursor);
		assertThat(names(second)).containsExactly("c list " + token.toUpperCase());
		assertThat(second.json().at("/nextCursor").isNull()).isTrue();

		assertThat(admin.get(PROFILES + "?limit=0").status()).isEqualTo(400);
		assertThat(admin.get(PROFILES + "?limit=501").status()).isEqualTo(400);
		assertThat(admin.get(PROFILES + "?limit=abc").status()).isEqualTo(400);
		assertThat(admin.get(PROFILES + "?cursor=!!!").status()).isEqualTo(400);
		assertThat(admin.get(PROFILES + "?cursor=AA").status()).isEqualTo(400);
		assertThat(admin.get(PROFILES + "?q=" + "x".repeat(201)).status()).isEqualTo(400);
	}

	// ---- the rules of a profile -------------------------------------------------------------------------------------

	@Test
	void rejectsPreChatFormAndWaitingQueueOnAV1Profile() {
		Map<String, Object> v1 = v2Profile(unique("V1 with extras"));
		v1.put("interfaceVersion", "V1");
		Answer answer = admin.post(PROFILES, v1);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(fields(answer)).containsExactlyInAnyOrder("preChatForm", "waitingQueue");

		form(v1).put("enabled", false);
		waitingQueue(v1).put("enabled", false);
		Answer disabled = admin.post(PROFILES, v1);
		assertThat(disabled.status()).as(disabled.toString()).isEqualTo(201);
		assertThat(disabled.json().at("/preChatForm/enabled").asBoolean()).isFalse();

		Map<String, Object> sentWithoutEnabled = v2Profile(unique("V1 form without enabled"));
		sentWithoutEnabled.put("interfaceVersion", "V1");
		sentWithoutEnabled.remove("waitingQueue");
		form(sentWithoutEnabled).remove("enabled");
		assertThat(fields(admin.post(PROFILES, sentWithoutEnabled))).containsExactly("preChatForm");
	}

	@Test
	void rejectsALogoOnAV2ProfileAndUnknownImages() {
		UUID ownAsset = asset(defaultTenant());
		Map<String, Object> v2 = v2Profile(unique("V2 with logo"));
		v2.put("logoAssetId", ownAsset.toString());
		assertThat(fields(admin.post(PROFILES, v2))).containsExactly("logoAssetId");

		Map<String, Object> v1 = Map.of("name", unique("V1 logo"), "interfaceVersion", "V1", "logoAssetId",
				ownAsset.toString());
		Answer withLogo = admin.post(PROFILES, v1);
		assertThat(withLogo.status()).as(withLogo.toString()).isEqualTo(201);
		assertThat(withLogo.json().at("/logoAssetId").asString()).isEqualTo(ownAsset.toString());

		UUID foreignAsset = asset(tenantOf(testTenants.tenantWithAdmin("foreign-asset-password")));
		Answer foreignLogo = admin.post(PROFILES, Map.of("name", unique("V1 foreign logo"), "interfaceVersion", "V1",
				"logoAssetId", foreignAsset.toString()));
		assertThat(fields(foreignLogo)).containsExactly("logoAssetId");

		Map<String, Object> queue = v2Profile(unique("Queue images"));
		waitingQueue(queue).put("logoAssetId", UUID.randomUUID().toString());
		waitingQueue(queue).put("heroImageAssetId", foreignAsset.toString());
		assertThat(fields(admin.post(PROFILES, queue))).containsExactlyInAnyOrder("waitingQueue.logoAssetId",
				"waitingQueue.heroImageAssetId");

		waitingQueue(queue).put("logoAssetId", ownAsset.toString());
		waitingQueue(queue).put("heroImageAssetId", ownAsset.toString());
		Answer withImages = admin.post(PROFILES, queue);
		assertThat(withImages.status()).as(withImages.toString()).isEqualTo(201);
		assertThat(withImages.json().at("/waitingQueue/heroImageAssetId").asString()).isEqualTo(ownAsset.toString());
	}

	@Test
	void acceptsOnlyColoursWrittenRRGGBB() {
		for (String colour : HostileInputs.colours()) {
			for (String field : List.of("primaryColor", "agentBubbleTextColor", "topBarColor")) {
				Map<String, Object> profile = v2Profile(unique("Colour"));
				appearance(profile).put(field, colour);
				Answer answer = admin.post(PROFILES, profile);
				if (colour.matches("#[0-9A-Fa-f]{6}")) {
					assertThat(answer.status()).as(colour).isEqualTo(201);
					assertThat(answer.json().at("/appearance/" + field).asString()).isEqualTo(colour);
				}
				else {
					assertThat(answer.status()).as(colour).isEqualTo(400);
					assertThat(fields(answer)).as(colour).containsExactly("appearance." + field);
				}
			}
			Map<String, Object> queue = v2Profile(unique("Queue colour"));
			waitingQueue(queue).put("backgroundColor", colour);
			assertThat(admin.post(PROFILES, queue).status()).as(colour)
				.isEqualTo(colour.matches("#[0-9A-Fa-f]{6}") ? 201 : 400);
		}
	}

	@Test
	void acceptsOnlySafeFontFamilies() {
		Map<String, Object> profile = v2Profile(unique("Fonts"));
		appearance(profile).put("fontFamily", "\"Open Sans\", Arial, sans-serif");
		assertThat(admin.post(PROFILES, profile).status()).isEqualTo(201);
		for (String font : List.of("Arial; background:url(x)", "x}</style><script>", "Arial\n", "", " ",
				"a".repeat(101))) {
			Map<String, Object> bad = v2Profile(unique("Bad font"));
			appearance(bad).put("fontFamily", font);
			assertThat(fields(admin.post(PROFILES, bad))).as(font).containsExactly("appearance.fontFamily");
		}
	}

	@Test
	void namesEveryFieldAtFaultInThePreChatForm() {
		Map<String, Object> profile = v2Profile(unique("Form"));
		List<Map<String, Object>> formFields = formFields(profile);
		formFields.get(2).remove("options");
		formFields.get(1).put("key", "Name");
		formFields.get(1).put("options", List.of("a"));
		formFields.get(0).put("key", "1st");
		formFields.add(field("choice", "Choice", "SELECT", List.of("Yes", "No", "Yes")));
		formFields.add(field("when", "When", "DATE", null));
		formFields.get(4).put("maxLength", 10);
		Answer answer = admin.post(PROFILES, profile);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(fields(answer)).containsExactlyInAnyOrder("preChatForm.fields[0].key",
				"preChatForm.fields[1].options", "preChatForm.fields[2].options", "preChatForm.fields[3].options",
				"preChatForm.fields[4].maxLength");

		Map<String, Object> duplicateKeys = v2Profile(unique("Keys"));
		formFields(duplicateKeys).get(1).put("key", "NAME");
		assertThat(fields(admin.post(PROFILES, duplicateKeys))).containsExactly("preChatForm.fields[1].key");

		Map<String, Object> tooMany = v2Profile(unique("Many"));
		List<Map<String, Object>> many = formFields(tooMany);
		many.clear();
		for (int i = 0; i < 31; i++) {
			many.add(field("f" + i, "Field " + i, "TEXT", null));
		}
		assertThat(fields(admin.post(PROFILES, tooMany))).containsExactly("preChatForm.fields");

		Map<String, Object> manyOptions = v2Profile(unique("Options"));
		List<String> options = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			options.add("Option " + i);
		}
		formFields(manyOptions).get(2).put("options", options);
		assertThat(fields(admin.post(PROFILES, manyOptions))).containsExactly("preChatForm.fields[2].options");
	}

	// ---- who may do what --------------------------------------------------------------------------------------------

	@Test
	void anAgentReadsButCannotWrite() {
		String id = create(v2Profile(unique("Agent readable"))).at("/id").asString();
		HttpApi agent = agent();
		assertThat(agent.get(PROFILES).status()).isEqualTo(200);
		assertThat(agent.get(PROFILES + "/" + id).status()).isEqualTo(200);
		for (Answer answer : List.of(agent.post(PROFILES, v2Profile(unique("By agent"))),
				agent.put(PROFILES + "/" + id, v2Profile(unique("By agent"))), agent.delete(PROFILES + "/" + id),
				agent.post(PROFILES + "/" + id + "/copy", Map.of("name", unique("By agent"))))) {
			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		}
		assertThat(admin.get(PROFILES + "/" + id).json().at("/version").asInt()).isEqualTo(1);
		assertThat(HttpApi.anonymous(port).get(PROFILES).status()).isEqualTo(401);
	}

	@Test
	void anotherTenantSeesNoneOfThisTenantsProfiles() {
		String name = unique("Tenant one");
		String id = create(v2Profile(name)).at("/id").asString();
		HttpApi other = HttpApi.basic(port, testTenants.tenantWithAdmin("other-tenant-password"), "other-tenant-password");

		assertThat(other.get(PROFILES + "/" + id).status()).isEqualTo(404);
		assertThat(other.put(PROFILES + "/" + id, v2Profile(unique("Hijack"))).status()).isEqualTo(404);
		assertThat(other.delete(PROFILES + "/" + id).status()).isEqualTo(404);
		assertThat(other.post(PROFILES + "/" + id + "/copy", Map.of("name", unique("Stolen"))).status()).isEqualTo(404);
		Answer list = other.get(PROFILES + "?limit=500");
		assertThat(list.json().at("/items").size()).isZero();

		// names are unique per tenant only
		assertThat(other.post(PROFILES, v2Profile(name)).status()).isEqualTo(201);
		assertThat(other.get(PROFILES).json().at("/items").size()).isEqualTo(1);
		assertThat(admin.get(PROFILES + "/" + id).json().at("/name").asString()).isEqualTo(name);
	}

	// ---- bad input ----------------------------------------------------------------------------------------------------

	@Test
	void storesEveryHostileTextUnchangedInEveryTextField() {
		for (String text : HostileInputs.storableTexts()) {
			Map<String, Object> profile = v2Profile(text);
			profile.put("description", text);
			appearance(profile).put("headerTitle", text);
			appearance(profile).put("welcomeMessage", text);
			appearance(profile).put("buttonLabel", text);
			form(profile).put("welcomeMessage", text);
			formFields(profile).get(0).put("label", text);
			formFields(profile).get(2).put("options", List.of(text, "other"));
			waitingQueue(profile).put("message", text);
			Answer created = admin.post(PROFILES, profile);
			assertThat(created.status()).as(text + " → " + created).isEqualTo(201);
			JsonNode read = admin.get(PROFILES + "/" + created.json().at("/id").asString()).json();
			for (String path : List.of("/name", "/description", "/appearance/headerTitle", "/appearance/welcomeMessage",
					"/appearance/buttonLabel", "/preChatForm/welcomeMessage", "/preChatForm/fields/0/label",
					"/preChatForm/fields/2/options/0", "/waitingQueue/message")) {
				assertThat(read.at(path).asString()).as(path).isEqualTo(text);
			}
			assertThat(names(admin.get(PROFILES + "?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8))))
				.as("found by its name").contains(text);
		}
	}

	@Test
	void refusesTextsWithNulNamingTheField() {
		for (String text : HostileInputs.withNul()) {
			Map<String, Object> profile = v2Profile(unique("Nul"));
			profile.put("description", text);
			appearance(profile).put("headerTitle", text);
			formFields(profile).get(1).put("label", text);
			Answer answer = admin.post(PROFILES, profile);
			assertThat(answer.status()).isEqualTo(400);
			assertThat(fields(answer)).containsExactlyInAnyOrder("description", "appearance.headerTitle",
					"preChatForm.fields[1].label");
			assertThat(admin.post(PROFILES, v2Profile(text)).status()).isEqualTo(400);
		}
	}

	@Test
	void refusesUnpairedSurrogatesWhichNoDatabaseCanStore() {
		for (String path : List.of("name", "description", "appearance.headerTitle", "preChatForm.fields[2].options[1]",
				"waitingQueue.message")) {
			Map<String, Object> profile = v2Profile(unique("Surrogate"));
			set(profile, path, "SURROGATE");
			String body = HttpApi.JSON.writeValueAsString(profile).replace("SURROGATE", "x\\ud800y");
			Answer answer = admin.send("POST", PROFILES, body, "application/json");
			assertThat(fields(answer)).as(path).containsExactly(path);
		}
		Answer paired = admin.send("POST", PROFILES, "{\"name\": \"\\ud83d\\ude00 " + UUID.randomUUID()
				+ "\", \"interfaceVersion\": \"V1\"}", "application/json");
		assertThat(paired.status()).isEqualTo(201);
		assertThat(admin.get(PROFILES + "/" + paired.json().at("/id").asString()).json().at("/name").asString())
			.startsWith("\ud83d\ude00 ");
	}

	@Test
	void refusesTooLongTextsNamingTheField() {
		String huge = HostileInputs.ofLength(100_000);
		Map<String, String> paths = new LinkedHashMap<>();
		paths.put("name", "name");
		paths.put("description", "description");
		paths.put("appearance.headerTitle", "headerTitle");
		paths.put("appearance.welcomeMessage", "welcomeMessage");
		paths.put("appearance.buttonLabel", "buttonLabel");
		paths.put("appearance.fontFamily", "fontFamily");
		paths.put("appearance.primaryColor", "primaryColor");
		paths.put("preChatForm.welcomeMessage", "welcomeMessage");
		paths.put("preChatForm.fields[0].label", "label");
		paths.put("preChatForm.fields[0].key", "key");
		paths.put("preChatForm.fields[2].options[0]", null);
		paths.put("waitingQueue.message", "message");
		for (String path : paths.keySet()) {
			Map<String, Object> profile = v2Profile(unique("Long"));
			set(profile, path, huge);
			Answer answer = admin.post(PROFILES, profile);
			assertThat(answer.status()).as(path).isEqualTo(400);
			assertThat(fields(answer)).as(path).containsExactly(path);
		}
		// at the limit is fine
		Map<String, Object> atLimit = v2Profile("n".repeat(100));
		atLimit.put("description", "d".repeat(1000));
		appearance(atLimit).put("buttonLabel", "b".repeat(40));
		assertThat(admin.post(PROFILES, atLimit).status()).isEqualTo(201);
	}

	@Test
	void refusesWrongJsonTypesInTextFields() {
		for (JsonNode value : HostileInputs.wrongTypes()) {
			for (String path : List.of("name", "description", "appearance.primaryColor", "appearance.headerTitle",
					"preChatForm.fields[0].label", "waitingQueue.message")) {
				ObjectNode profile = HttpApi.JSON.valueToTree(v2Profile(unique("Types")));
				ObjectNode parent = profile;
				String[] parts = path.replace("[0]", ".0").split("\\.");
				JsonNode node = profile;
				for (int i = 0; i < parts.length - 1; i++) {
					node = parts[i].matches("\\d+") ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
				}
				parent = (ObjectNode) node;
				parent.set(parts[parts.length - 1], value);
				Answer answer = admin.send("POST", PROFILES, HttpApi.JSON.writeValueAsString(profile), "application/json");
				String description = path + " = " + value + " → " + answer;
				assertThat(answer.status()).as(description).isBetween(200, 499);
				assertThat(answer.status()).as(description).isNotIn(401, 403, 404, 405, 415);
				if (!value.isString() && !value.isNull()) {
					assertThat(answer.status()).as(description).isEqualTo(400);
					assertThat(fields(answer)).as(description).containsExactly(path);
				}
			}
		}
	}

	@Test
	void answersMalformedRequestsWithProblems() {
		String id = create(v2Profile(unique("Target"))).at("/id").asString();
		Answer malformed = admin.send("POST", PROFILES, "{\"name\": \"x\", ", "application/json");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");

		Answer notAnObject = admin.send("POST", PROFILES, "[1, 2]", "application/json");
		assertThat(notAnObject.status()).isEqualTo(400);
		assertThat(admin.send("POST", PROFILES, "", "application/json").status()).isEqualTo(400);

		Map<String, Object> unknownVersion = v2Profile(unique("Enum"));
		unknownVersion.put("interfaceVersion", "V3");
		Answer badEnum = admin.post(PROFILES, unknownVersion);
		assertThat(badEnum.status()).isEqualTo(400);
		assertThat(fields(badEnum)).containsExactly("interfaceVersion");

		// an enum is its name, never its index
		for (Object index : List.of(1, "1", 0, true, List.of("V2"))) {
			Map<String, Object> byIndex = v2Profile(unique("Enum"));
			byIndex.put("interfaceVersion", index);
			assertThat(fields(admin.post(PROFILES, byIndex))).as(index.toString()).containsExactly("interfaceVersion");
		}
		Map<String, Object> lowerCase = v2Profile(unique("Enum"));
		appearance(lowerCase).put("buttonPosition", "bottom_right");
		assertThat(fields(admin.post(PROFILES, lowerCase))).containsExactly("appearance.buttonPosition");
		Map<String, Object> sizeByIndex = v2Profile(unique("Enum"));
		appearance(sizeByIndex).put("fontSize", 2);
		assertThat(fields(admin.post(PROFILES, sizeByIndex))).containsExactly("appearance.fontSize");

		Map<String, Object> badSize = v2Profile(unique("Enum"));
		appearance(badSize).put("fontSize", "GIANT");
		assertThat(fields(admin.post(PROFILES, badSize))).containsExactly("appearance.fontSize");
		Map<String, Object> badType = v2Profile(unique("Enum"));
		formFields(badType).get(1).put("type", "COLOR");
		assertThat(fields(admin.post(PROFILES, badType))).containsExactly("preChatForm.fields[1].type");
		// flags are true or false and lengths whole numbers, nothing coerced into one
		for (Object notAFlag : List.of("perhaps", "true", 1, 0)) {
			Map<String, Object> badRequired = v2Profile(unique("Bool"));
			formFields(badRequired).get(1).put("required", notAFlag);
			assertThat(fields(admin.post(PROFILES, badRequired))).as(notAFlag.toString())
				.containsExactly("preChatForm.fields[1].required");
			Map<String, Object> badShow = v2Profile(unique("Bool"));
			waitingQueue(badShow).put("showPosition", notAFlag);
			assertThat(fields(admin.post(PROFILES, badShow))).as(notAFlag.toString())
				.containsExactly("waitingQueue.showPosition");
		}
		for (Object notALength : List.of(80.9, "80", 99_999_999_999L, true)) {
			Map<String, Object> badLength = v2Profile(unique("Length"));
			formFields(badLength).get(0).put("maxLength", notALength);
			assertThat(fields(admin.post(PROFILES, badLength))).as(notALength.toString())
				.containsExactly("preChatForm.fields[0].maxLength");
		}

		Answer missingVersion = admin.post(PROFILES, Map.of("name", unique("No version")));
		assertThat(fields(missingVersion)).containsExactly("interfaceVersion");

		Answer text = admin.send("POST", PROFILES, "name=x", "text/plain");
		assertThat(text.status()).isEqualTo(415);
		assertThat(text.header("Content-Type")).startsWith("application/problem+json");
		assertThat(admin.send("PUT", PROFILES + "/" + id, "<profile/>", "application/xml").status()).isEqualTo(415);

		Answer patch = admin.send("PATCH", PROFILES + "/" + id, "{}", "application/json");
		assertThat(patch.status()).isEqualTo(405);
		assertThat(admin.send("PUT", PROFILES, "{}", "application/json").status()).isEqualTo(405);

		Answer badId = admin.get(PROFILES + "/not-a-uuid");
		assertThat(badId.status()).isEqualTo(400);
		assertThat(badId.header("Content-Type")).startsWith("application/problem+json");
		assertThat(admin.put(PROFILES + "/not-a-uuid", v2Profile(unique("x"))).status()).isEqualTo(400);
		assertThat(admin.delete(PROFILES + "/12345").status()).isEqualTo(400);
	}

	// ---- helpers ------------------------------------------------------------------------------------------------------

	/** A complete V2 profile as API.md shows it, as mutable maps and lists. */
	static Map<String, Object> v2Profile(String name) {
		Map<String, Object> appearance = new LinkedHashMap<>();
		appearance.put("primaryColor", "#0B5FFF");
		appearance.put("primaryTextColor", "#FFFFFF");
		appearance.put("agentBubbleColor", "#F1F3F5");
		appearance.put("agentBubbleTextColor", "#111111");
		appearance.put("topBarColor", "#0B5FFF");
		appearance.put("topBarTextColor", "#FFFFFF");
		appearance.put("fontFamily", "system-ui");
		appearance.put("fontSize", "REGULAR");
		appearance.put("headerTitle", "Chat with us");
		appearance.put("welcomeMessage", "Hi! How can we help?");
		appearance.put("buttonLabel", "Live Chat");
		appearance.put("buttonPosition", "BOTTOM_LEFT");
		List<Map<String, Object>> fields = new ArrayList<>();
		Map<String, Object> nameField = field("name", "Name", "TEXT", null);
		nameField.put("required", true);
		nameField.put("maxLength", 80);
		fields.add(nameField);
		Map<String, Object> emailField = field("email", "Email", "EMAIL", null);
		emailField.put("required", true);
		fields.add(emailField);
		fields.add(field("topic", "Topic", "SELECT", List.of("Billing", "Orders")));
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("enabled", true);
		form.put("welcomeMessage", "Tell us who you are");
		form.put("fields", fields);
		Map<String, Object> queue = new LinkedHashMap<>();
		queue.put("enabled", true);
		queue.put("message", "Thanks for waiting");
		queue.put("backgroundColor", "#FFFFFF");
		queue.put("textColor", "#111111");
		queue.put("logoAssetId", null);
		queue.put("heroImageAssetId", null);
		queue.put("showPosition", true);
		queue.put("showEstimatedWait", true);
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("name", name);
		profile.put("description", "Used on the sales pages");
		profile.put("interfaceVersion", "V2");
		profile.put("appearance", appearance);
		profile.put("logoAssetId", null);
		profile.put("preChatForm", form);
		profile.put("waitingQueue", queue);
		return profile;
	}

	static Map<String, Object> field(String key, String label, String type, List<String> options) {
		Map<String, Object> field = new LinkedHashMap<>();
		field.put("key", key);
		field.put("label", label);
		field.put("type", type);
		field.put("required", false);
		if (options != null) {
			field.put("options", new ArrayList<>(options));
		}
		return field;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> appearance(Map<String, Object> profile) {
		return (Map<String, Object>) profile.get("appearance");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> form(Map<String, Object> profile) {
		return (Map<String, Object>) profile.get("preChatForm");
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> formFields(Map<String, Object> profile) {
		return (List<Map<String, Object>>) form(profile).get("fields");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> waitingQueue(Map<String, Object> profile) {
		return (Map<String, Object>) profile.get("waitingQueue");
	}

	/** Sets a value by a dotted path with list indexes, as the API names fields. */
	@SuppressWarnings("unchecked")
	static void set(Map<String, Object> profile, String path, Object value) {
		Object node = profile;
		String[] parts = path.split("\\.");
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			String name = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
			boolean last = i == parts.length - 1;
			Map<String, Object> map = (Map<String, Object>) node;
			if (part.contains("[")) {
				int index = Integer.parseInt(part.substring(part.indexOf('[') + 1, part.indexOf(']')));
				List<Object> list = (List<Object>) map.get(name);
				if (last) {
					list.set(index, value);
				}
				node = list.get(index);
			}
			else if (last) {
				map.put(name, value);
			}
			else {
				node = map.get(name);
			}
		}
	}

	static String unique(String prefix) {
		return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
	}

	static List<String> fields(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		return answer.json().at("/errors").valueStream().map(e -> e.at("/field").asString()).toList();
	}

	static List<String> names(Answer list) {
		return list.json().at("/items").valueStream().map(p -> p.at("/name").asString()).toList();
	}

	JsonNode create(Map<String, Object> profile) {
		Answer created = admin.post(PROFILES, profile);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	JsonNode create(JsonNode profile) {
		Answer created = admin.post(PROFILES, profile);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	HttpApi agent() {
		String name = "agent-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> user = new HashMap<>();
		user.put("username", name);
		user.put("displayName", "Agent " + name);
		user.put("password", "agent-password");
		user.put("roles", List.of("AGENT"));
		assertThat(admin.post("/api/v1/users", user).status()).isEqualTo(201);
		return HttpApi.basic(port, name, "agent-password");
	}

	UUID defaultTenant() {
		return jdbc.sql("select tenant_id from app_user where username = 'admin'").query(UUID.class).single();
	}

	UUID tenantOf(String username) {
		return jdbc.sql("select tenant_id from app_user where username = ?").param(username).query(UUID.class).single();
	}

	/** An image of {@code tenant}, stored the way the assets module stores uploads. */
	UUID asset(UUID tenant) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into asset (id, tenant_id, content_type, width, height, bytes, sha256, data)"
				+ " values (?, ?, 'image/png', 1, 1, 1, 'test', ?)")
			.params(id, tenant, new byte[] { 1 })
			.update();
		return id;
	}
}

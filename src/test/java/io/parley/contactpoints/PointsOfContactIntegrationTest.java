package io.parley.contactpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

import io.parley.HostileInputs;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;
import io.parley.profiles.ChatProfileDeleted;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class PointsOfContactIntegrationTest {

	static final String POCS = "/api/v1/points-of-contact";
	static final String PROFILES = "/api/v1/chat-profiles";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants testTenants;

	@Autowired
	RecordedEvents events;

	HttpApi admin;

	@BeforeEach
	void setUp() {
		admin = HttpApi.admin(port);
	}

	// ---- create, read, update, delete ------------------------------------------------------------------------------

	@Test
	void createsReadsUpdatesAndDeletesAPointOfContact() {
		String name = unique("Sales page");
		Map<String, Object> poc = poc(name);
		poc.put("description", "The shop's sales pages");
		poc.put("allowedOrigins", List.of("https://shop.example.com", "HTTPS://Shop.Example.COM:8443",
				"http://localhost:3000", "https://www.example.com:443"));
		Answer created = admin.post(POCS, poc);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode body = created.json();
		String id = body.at("/id").asString();
		assertThat(created.header("Location")).endsWith(POCS + "/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		assertThat(body.at("/name").asString()).isEqualTo(name);
		assertThat(body.at("/skill").asString()).isEqualTo("sales");
		assertThat(body.at("/active").asBoolean()).isTrue();
		assertThat(strings(body.at("/allowedOrigins"))).containsExactly("https://shop.example.com",
				"https://shop.example.com:8443", "http://localhost:3000", "https://www.example.com");
		assertThat(body.at("/chatProfileId").isNull()).isTrue();
		assertThat(body.at("/createdBy").asString()).isEqualTo("admin");
		assertThat(body.at("/version").asInt()).isEqualTo(1);

		Answer read = admin.get(POCS + "/" + id);
		assertThat(read.header("ETag")).isEqualTo("\"1\"");
		assertThat(read.json()).isEqualTo(body);

		Map<String, Object> changed = poc(name + " renamed");
		changed.put("active", false);
		changed.put("skill", "support_2nd-level");
		Answer updated = admin.with("If-Match", "\"1\"").put(POCS + "/" + id, changed);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.header("ETag")).isEqualTo("\"2\"");
		assertThat(updated.json().at("/active").asBoolean()).isFalse();
		assertThat(strings(updated.json().at("/allowedOrigins"))).isEmpty();
		assertThat(admin.with("If-Match", "\"1\"").put(POCS + "/" + id, poc("lost")).status()).isEqualTo(412);
		assertThat(admin.with("If-Match", "\"1\"").delete(POCS + "/" + id).status()).isEqualTo(412);

		// an unchanged PUT (here the answer of a GET sent back) makes no new version
		Answer same = admin.put(POCS + "/" + id, updated.json());
		assertThat(same.json().at("/version").asInt()).isEqualTo(2);

		assertThat(admin.with("If-Match", "\"2\"").delete(POCS + "/" + id).status()).isEqualTo(204);
		assertThat(admin.get(POCS + "/" + id).status()).isEqualTo(404);
		assertThat(events.typesAbout(id)).containsExactly(PointOfContactCreated.class, PointOfContactUpdated.class,
				PointOfContactDeleted.class);
		PointOfContactCreated createdEvent = (PointOfContactCreated) events.about(id).get(0);
		assertThat(createdEvent.fields()).containsEntry("name", name)
			.containsEntry("skill", "sales")
			.containsEntry("active", "true")
			.containsEntry("description", "The shop's sales pages")
			.containsEntry("allowedOrigins", "[\"https://shop.example.com\",\"https://shop.example.com:8443\","
					+ "\"http://localhost:3000\",\"https://www.example.com\"]");
	}

	@Test
	void acceptsOnlyOriginsOfSchemeHostAndPort() {
		List<String> origins = HostileInputs.origins();
		Answer answer = admin.post(POCS, withOrigins(origins));
		assertThat(answer.status()).isEqualTo(400);
		List<String> refused = new ArrayList<>();
		for (int i = 0; i < origins.size(); i++) {
			if (List.of("null", "https://*.example.com", "ftp://x", "shop.example.com", "https://shop.example.com/path")
				.contains(origins.get(i))) {
				refused.add("allowedOrigins[" + i + "]");
			}
		}
		assertThat(refused).hasSize(5);
		assertThat(fields(answer)).containsExactlyInAnyOrderElementsOf(refused);

		for (String bad : List.of("https://shop.example.com/", "https://user:pw@shop.example.com",
				"https://shop.example.com?x=1", "https://shop.example.com:99999", "https://", "javascript:alert(1)",
				" https://shop.example.com", "https://shop example.com", "https://xn--mnchen-3ya.de\n")) {
			assertThat(fields(admin.post(POCS, withOrigins(List.of("https://ok.example.com", bad))))).as(bad)
				.containsExactly("allowedOrigins[1]");
		}
		assertThat(fields(admin.post(POCS, withOrigins(List.of("https://a.example.com", "https://A.example.com:443")))))
			.containsExactly("allowedOrigins[1]");
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			many.add("https://s" + i + ".example.com");
		}
		assertThat(fields(admin.post(POCS, withOrigins(many)))).containsExactly("allowedOrigins");
		Map<String, Object> nullEntry = poc(unique("Null origin"));
		List<String> withNull = new ArrayList<>();
		withNull.add(null);
		nullEntry.put("allowedOrigins", withNull);
		assertThat(fields(admin.post(POCS, nullEntry))).containsExactly("allowedOrigins[0]");

		Answer good = admin.post(POCS, withOrigins(List.of("https://shop.example.com.evil.test", "http://[::1]:8080",
				"https://xn--mnchen-3ya.de")));
		assertThat(good.status()).as(good.toString()).isEqualTo(201);
	}

	@Test
	void requiresASkillQueueName() {
		for (String skill : List.of("", "Sales", "-sales", "sales queue", "s".repeat(41), "sales;drop", "ü")) {
			Map<String, Object> poc = poc(unique("Skill"));
			poc.put("skill", skill);
			assertThat(fields(admin.post(POCS, poc))).as(skill).containsExactly("skill");
		}
		Map<String, Object> none = poc(unique("No skill"));
		none.remove("skill");
		none.put("name", "");
		assertThat(fields(admin.post(POCS, none))).containsExactlyInAnyOrder("skill", "name");
		Map<String, Object> longest = poc(unique("Skill"));
		longest.put("skill", "0" + "a_-".repeat(13));
		assertThat(admin.post(POCS, longest).status()).isEqualTo(201);
	}

	@Test
	void listsByNameWithAKeysetCursorAQueryAndAProfileFilter() {
		String token = UUID.randomUUID().toString().substring(0, 8);
		String profile = profile();
		String first = createPoc(poc("same " + token)).at("/id").asString();
		String second = createPoc(poc("SAME " + token)).at("/id").asString();
		Map<String, Object> third = poc("Same " + token + " z");
		third.put("chatProfileId", profile);
		String thirdId = createPoc(third).at("/id").asString();

		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			Answer page = admin.get(POCS + "?limit=1&q=" + token + (cursor == null ? "" : "&cursor=" + cursor));
			assertThat(page.status()).isEqualTo(200);
			page.json().at("/items").forEach(p -> seen.add(p.at("/id").asString()));
			cursor = page.json().at("/nextCursor").isNull() ? null : page.json().at("/nextCursor").asString();
		}
		while (cursor != null && seen.size() < 10);
		assertThat(seen).hasSize(3).containsExactlyInAnyOrder(first, second, thirdId);
		assertThat(seen.get(2)).isEqualTo(thirdId);

		Answer filtered = admin.get(POCS + "?chatProfileId=" + profile);
		assertThat(ids(filtered)).containsExactly(thirdId);
		assertThat(admin.get(POCS + "?chatProfileId=nope").status()).isEqualTo(400);
		assertThat(admin.get(POCS + "?cursor=bm90LWEtY3Vyc29y").status()).isEqualTo(400);
		assertThat(admin.get(POCS + "?limit=0").status()).isEqualTo(400);
	}

	// ---- assignment from the point of contact's side ---------------------------------------------------------------

	@Test
	void assignsAndUnassignsAProfileFromThePointOfContact() {
		String profile = profile();
		String id = createPoc(poc(unique("Assignable"))).at("/id").asString();

		Answer assigned = admin.put(POCS + "/" + id + "/chat-profile", Map.of("chatProfileId", profile));
		assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
		assertThat(assigned.json().at("/chatProfileId").asString()).isEqualTo(profile);
		assertThat(assigned.header("ETag")).isEqualTo("\"2\"");
		assertThat(admin.get(POCS + "/" + id).json().at("/chatProfileId").asString()).isEqualTo(profile);
		assertThat(ids(admin.get(PROFILES + "/" + profile + "/points-of-contact"))).containsExactly(id);

		String other = profile();
		Answer moved = admin.put(POCS + "/" + id + "/chat-profile", Map.of("chatProfileId", other));
		assertThat(moved.json().at("/chatProfileId").asString()).isEqualTo(other);
		assertThat(ids(admin.get(PROFILES + "/" + profile + "/points-of-contact"))).isEmpty();
		ChatProfileAssigned move = (ChatProfileAssigned) events.about(id).get(2);
		assertThat(move.profileId().toString()).isEqualTo(other);
		assertThat(move.previousProfileId().toString()).isEqualTo(profile);
		assertThat(move.previousProfileName()).isNotBlank();

		assertThat(fields(admin.put(POCS + "/" + id + "/chat-profile", Map.of("chatProfileId", UUID.randomUUID()))))
			.containsExactly("chatProfileId");
		assertThat(fields(admin.put(POCS + "/" + id + "/chat-profile", Map.of()))).containsExactly("chatProfileId");
		assertThat(admin.put(POCS + "/" + UUID.randomUUID() + "/chat-profile", Map.of("chatProfileId", other)).status())
			.isEqualTo(404);

		assertThat(admin.delete(POCS + "/" + id + "/chat-profile").status()).isEqualTo(204);
		assertThat(admin.get(POCS + "/" + id).json().at("/chatProfileId").isNull()).isTrue();
		assertThat(events.typesAbout(id)).containsExactly(PointOfContactCreated.class, ChatProfileAssigned.class,
				ChatProfileAssigned.class, ChatProfileUnassigned.class);
		ChatProfileUnassigned unassigned = (ChatProfileUnassigned) events.about(id).get(3);
		assertThat(unassigned.profileId().toString()).isEqualTo(other);
		assertThat(unassigned.actor().username()).isEqualTo("admin");
	}

	@Test
	void publishesOnlyWhatAPutChanged() {
		String profile = profile();
		Map<String, Object> poc = poc(unique("With profile"));
		poc.put("chatProfileId", profile);
		JsonNode created = createPoc(poc);
		String id = created.at("/id").asString();
		assertThat(created.at("/chatProfileId").asString()).isEqualTo(profile);
		assertThat(events.typesAbout(id)).containsExactly(PointOfContactCreated.class, ChatProfileAssigned.class);
		ChatProfileAssigned assigned = (ChatProfileAssigned) events.about(id).get(1);
		assertThat(assigned.previousProfileId()).isNull();
		assertThat(assigned.pointOfContactName()).isEqualTo(poc.get("name"));

		String other = profile();
		poc.put("chatProfileId", other);
		Answer moved = admin.put(POCS + "/" + id, poc);
		assertThat(moved.json().at("/version").asInt()).isEqualTo(2);
		assertThat(events.typesAbout(id)).containsExactly(PointOfContactCreated.class, ChatProfileAssigned.class,
				ChatProfileAssigned.class);

		poc.put("description", "changed");
		admin.put(POCS + "/" + id, poc);
		assertThat(events.typesAbout(id)).containsExactly(PointOfContactCreated.class, ChatProfileAssigned.class,
				ChatProfileAssigned.class, PointOfContactUpdated.class);
		PointOfContactUpdated updated = (PointOfContactUpdated) events.about(id).get(3);
		assertThat(updated.before()).containsEntry("description", null);
		assertThat(updated.after()).containsEntry("description", "changed");

		assertThat(fields(admin.put(POCS + "/" + id, Map.of("name", "x", "skill", "s", "chatProfileId",
				UUID.randomUUID().toString())))).containsExactly("chatProfileId");

		assertThat(admin.delete(POCS + "/" + id).status()).isEqualTo(204);
		assertThat(events.typesAbout(id)).endsWith(ChatProfileUnassigned.class, PointOfContactDeleted.class);
	}

	// ---- assignment from the profile's side -------------------------------------------------------------------------

	@Test
	void setsExactlyTheListedPointsOfContactMovingAndUnassigning() {
		String profile = profile();
		String otherProfile = profile();
		String a = createPoc(poc(unique("A"))).at("/id").asString();
		String b = createPoc(poc(unique("B"))).at("/id").asString();
		Map<String, Object> cBody = poc(unique("C"));
		cBody.put("chatProfileId", otherProfile);
		String c = createPoc(cBody).at("/id").asString();

		Answer first = admin.put(assignments(profile), Map.of("pointOfContactIds", List.of(a, b)));
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(ids(first)).containsExactlyInAnyOrder(a, b);

		Answer second = admin.put(assignments(profile), Map.of("pointOfContactIds", List.of(b, c)));
		assertThat(ids(second)).containsExactlyInAnyOrder(b, c);
		assertThat(admin.get(POCS + "/" + a).json().at("/chatProfileId").isNull()).isTrue();
		assertThat(admin.get(POCS + "/" + c).json().at("/chatProfileId").asString()).isEqualTo(profile);
		assertThat(ids(admin.get(assignments(otherProfile)))).doesNotContain(c);
		assertThat(ids(admin.get(assignments(profile)))).containsExactlyInAnyOrder(b, c);
		assertThat(events.typesAbout(a)).containsExactly(PointOfContactCreated.class, ChatProfileAssigned.class,
				ChatProfileUnassigned.class);
		ChatProfileAssigned moved = (ChatProfileAssigned) events.about(c).get(2);
		assertThat(moved.previousProfileId().toString()).isEqualTo(otherProfile);
		// b kept its profile: nothing happened to it the second time
		assertThat(events.typesAbout(b)).containsExactly(PointOfContactCreated.class, ChatProfileAssigned.class);
		int bVersion = admin.get(POCS + "/" + b).json().at("/version").asInt();

		Answer unknown = admin.put(assignments(profile), Map.of("pointOfContactIds", List.of(a,
				UUID.randomUUID().toString())));
		assertThat(fields(unknown)).containsExactly("pointOfContactIds[1]");
		Answer withNull = admin.send("PUT", assignments(profile), "{\"pointOfContactIds\": [\"" + a + "\", null]}",
				"application/json");
		assertThat(fields(withNull)).containsExactly("pointOfContactIds[1]");
		assertThat(fields(admin.put(assignments(profile), Map.of()))).containsExactly("pointOfContactIds");
		assertThat(admin.put(assignments(profile), Map.of("pointOfContactIds", List.of("nope"))).status()).isEqualTo(400);
		assertThat(ids(admin.get(assignments(profile)))).as("nothing changed").containsExactlyInAnyOrder(b, c);
		assertThat(admin.get(POCS + "/" + a).json().at("/chatProfileId").isNull()).isTrue();
		assertThat(admin.get(POCS + "/" + b).json().at("/version").asInt()).isEqualTo(bVersion);

		Answer removed = admin.delete(assignments(profile));
		assertThat(removed.status()).isEqualTo(200);
		assertThat(ids(removed)).isEmpty();
		assertThat(admin.get(POCS + "/" + b).json().at("/chatProfileId").isNull()).isTrue();
		assertThat(admin.get(POCS + "/" + c).json().at("/chatProfileId").isNull()).isTrue();
		assertThat(events.typesAbout(c)).endsWith(ChatProfileUnassigned.class);

		String unknownProfile = UUID.randomUUID().toString();
		assertThat(admin.get(assignments(unknownProfile)).status()).isEqualTo(404);
		assertThat(admin.put(assignments(unknownProfile), Map.of("pointOfContactIds", List.of(a))).status())
			.isEqualTo(404);
		assertThat(admin.post(assignments(unknownProfile) + "/add-all-active", null).status()).isEqualTo(404);
		assertThat(admin.delete(assignments(unknownProfile)).status()).isEqualTo(404);
		assertThat(admin.get(PROFILES + "/not-a-uuid/points-of-contact").status()).isEqualTo(400);
	}

	@Test
	void addsAllActivePointsOfContact() {
		// in a tenant of its own, so that "all" means exactly these
		String password = "all-active-password";
		HttpApi tenantAdmin = HttpApi.basic(port, testTenants.tenantWithAdmin(password), password);
		String profile = tenantAdmin.post(PROFILES, Map.of("name", "Everywhere", "interfaceVersion", "V2")).json()
			.at("/id").asString();
		String other = tenantAdmin.post(PROFILES, Map.of("name", "Elsewhere", "interfaceVersion", "V2")).json()
			.at("/id").asString();
		String active = tenantAdmin.post(POCS, poc("Active")).json().at("/id").asString();
		Map<String, Object> movedBody = poc("Active elsewhere");
		movedBody.put("chatProfileId", other);
		String movedId = tenantAdmin.post(POCS, movedBody).json().at("/id").asString();
		Map<String, Object> inactiveBody = poc("Inactive");
		inactiveBody.put("active", false);
		String inactive = tenantAdmin.post(POCS, inactiveBody).json().at("/id").asString();

		Answer all = tenantAdmin.post(assignments(profile) + "/add-all-active", null);
		assertThat(all.status()).as(all.toString()).isEqualTo(200);
		assertThat(ids(all)).containsExactlyInAnyOrder(active, movedId);
		assertThat(tenantAdmin.get(POCS + "/" + inactive).json().at("/chatProfileId").isNull()).isTrue();
		assertThat(ids(tenantAdmin.get(assignments(other)))).isEmpty();

		Answer again = tenantAdmin.post(assignments(profile) + "/add-all-active", null);
		assertThat(ids(again)).containsExactlyInAnyOrder(active, movedId);
		assertThat(events.typesAbout(active)).containsExactly(PointOfContactCreated.class, ChatProfileAssigned.class);
	}

	@Test
	void refusesToDeleteAProfileThatPointsOfContactShow() {
		String profile = profile();
		String name = unique("Still showing");
		Map<String, Object> body = poc(name);
		body.put("chatProfileId", profile);
		String id = createPoc(body).at("/id").asString();

		Answer refused = admin.delete(PROFILES + "/" + profile);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.json().at("/detail").asString()).contains(name, id);
		assertThat(admin.get(PROFILES + "/" + profile).status()).isEqualTo(200);
		assertThat(events.about(profile)).noneMatch(ChatProfileDeleted.class::isInstance);

		assertThat(admin.delete(POCS + "/" + id + "/chat-profile").status()).isEqualTo(204);
		assertThat(admin.delete(PROFILES + "/" + profile).status()).isEqualTo(204);
		assertThat(events.about(profile)).anyMatch(ChatProfileDeleted.class::isInstance);
	}

	// ---- who may do what --------------------------------------------------------------------------------------------

	@Test
	void anotherTenantSeesNoneOfThisTenantsPointsOfContact() {
		String profile = profile();
		Map<String, Object> body = poc(unique("Tenant one page"));
		body.put("chatProfileId", profile);
		String id = createPoc(body).at("/id").asString();
		String password = "isolated-password";
		HttpApi other = HttpApi.basic(port, testTenants.tenantWithAdmin(password), password);

		assertThat(other.get(POCS + "/" + id).status()).isEqualTo(404);
		assertThat(other.put(POCS + "/" + id, poc("hijack")).status()).isEqualTo(404);
		assertThat(other.delete(POCS + "/" + id).status()).isEqualTo(404);
		assertThat(other.delete(POCS + "/" + id + "/chat-profile").status()).isEqualTo(404);
		assertThat(other.get(POCS + "?limit=500").json().at("/items").size()).isZero();
		assertThat(other.get(POCS + "?chatProfileId=" + profile).json().at("/items").size()).isZero();
		assertThat(other.get(assignments(profile)).status()).isEqualTo(404);
		assertThat(other.delete(assignments(profile)).status()).isEqualTo(404);

		// no assignment crosses tenants, from either side
		String theirProfile = other.post(PROFILES, Map.of("name", "Theirs", "interfaceVersion", "V1")).json()
			.at("/id").asString();
		String theirPoc = other.post(POCS, poc("Their page")).json().at("/id").asString();
		assertThat(fields(other.put(assignments(theirProfile), Map.of("pointOfContactIds", List.of(theirPoc, id)))))
			.containsExactly("pointOfContactIds[1]");
		assertThat(fields(admin.put(POCS + "/" + id + "/chat-profile", Map.of("chatProfileId", theirProfile))))
			.containsExactly("chatProfileId");
		Map<String, Object> foreign = poc(unique("Foreign profile"));
		foreign.put("chatProfileId", theirProfile);
		assertThat(fields(admin.post(POCS, foreign))).containsExactly("chatProfileId");
		assertThat(fields(other.put(POCS + "/" + theirPoc, Map.of("name", "x", "skill", "x", "chatProfileId", profile))))
			.containsExactly("chatProfileId");
		assertThat(admin.get(POCS + "/" + id).json().at("/chatProfileId").asString()).isEqualTo(profile);
		assertThat(other.get(assignments(theirProfile)).json().at("/items").size()).isZero();
	}

	@Test
	void anAgentReadsButCannotWrite() {
		String profile = profile();
		String id = createPoc(poc(unique("Agent readable"))).at("/id").asString();
		HttpApi agent = agent();
		assertThat(agent.get(POCS).status()).isEqualTo(200);
		assertThat(agent.get(POCS + "/" + id).status()).isEqualTo(200);
		assertThat(agent.get(assignments(profile)).status()).isEqualTo(200);
		for (Answer answer : List.of(agent.post(POCS, poc(unique("By agent"))), agent.put(POCS + "/" + id, poc("x")),
				agent.delete(POCS + "/" + id), agent.put(POCS + "/" + id + "/chat-profile", Map.of("chatProfileId", profile)),
				agent.delete(POCS + "/" + id + "/chat-profile"),
				agent.put(assignments(profile), Map.of("pointOfContactIds", List.of(id))),
				agent.post(assignments(profile) + "/add-all-active", null), agent.delete(assignments(profile)))) {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
		}
		assertThat(admin.get(POCS + "/" + id).json().at("/version").asInt()).isEqualTo(1);
	}

	// ---- bad input ----------------------------------------------------------------------------------------------------

	@Test
	void storesEveryHostileTextUnchanged() {
		for (String text : HostileInputs.storableTexts()) {
			Map<String, Object> poc = poc(text);
			poc.put("description", text);
			Answer created = admin.post(POCS, poc);
			assertThat(created.status()).as(text).isEqualTo(201);
			JsonNode read = admin.get(POCS + "/" + created.json().at("/id").asString()).json();
			assertThat(read.at("/name").asString()).isEqualTo(text);
			assertThat(read.at("/description").asString()).isEqualTo(text);
			assertThat(ids(admin.get(POCS + "?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8))))
				.contains(read.at("/id").asString());
		}
		for (String text : HostileInputs.withNul()) {
			Map<String, Object> poc = poc(text);
			poc.put("description", text);
			assertThat(fields(admin.post(POCS, poc))).containsExactlyInAnyOrder("name", "description");
		}
	}

	@Test
	void refusesTooLongTextsAndWrongTypesNamingTheField() {
		String huge = HostileInputs.ofLength(100_000);
		for (String field : List.of("name", "description", "skill")) {
			Map<String, Object> poc = poc(unique("Long"));
			poc.put(field, huge);
			assertThat(fields(admin.post(POCS, poc))).as(field).containsExactly(field);
		}
		assertThat(fields(admin.post(POCS, withOrigins(List.of("https://" + huge + ".com")))))
			.containsExactly("allowedOrigins[0]");

		for (JsonNode value : HostileInputs.wrongTypes()) {
			for (String field : List.of("name", "description", "skill", "allowedOrigins[0]")) {
				ObjectNode poc = HttpApi.JSON.valueToTree(poc(unique("Types")));
				if (field.startsWith("allowedOrigins")) {
					poc.putArray("allowedOrigins").add(value);
				}
				else {
					poc.set(field, value);
				}
				Answer answer = admin.send("POST", POCS, HttpApi.JSON.writeValueAsString(poc), "application/json");
				String description = field + " = " + value + " → " + answer;
				assertThat(answer.status()).as(description).isIn(201, 400);
				if (!value.isString() && !value.isNull()) {
					assertThat(fields(answer)).as(description).containsExactly(field);
				}
			}
		}
		for (String notAFlag : List.of("\"maybe\"", "\"true\"", "1", "0")) {
			Answer activeAsText = admin.send("POST", POCS,
					"{\"name\": \"x\", \"skill\": \"x\", \"active\": " + notAFlag + "}", "application/json");
			assertThat(fields(activeAsText)).as(notAFlag).containsExactly("active");
		}
		Answer surrogate = admin.send("POST", POCS, "{\"name\": \"x\\ud800\", \"skill\": \"s\"}",
				"application/json");
		assertThat(fields(surrogate)).containsExactly("name");
		Answer originsAsText = admin.send("POST", POCS,
				"{\"name\": \"x\", \"skill\": \"x\", \"allowedOrigins\": \"https://a.example.com\"}", "application/json");
		assertThat(originsAsText.status()).isEqualTo(400);
	}

	@Test
	void answersMalformedRequestsWithProblems() {
		String id = createPoc(poc(unique("Target"))).at("/id").asString();
		Answer malformed = admin.send("POST", POCS, "{\"name\": ", "application/json");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
		assertThat(admin.send("PUT", POCS + "/" + id, "{nope}", "application/json").status()).isEqualTo(400);
		assertThat(admin.send("POST", POCS, "name=x", "application/x-www-form-urlencoded").status()).isEqualTo(415);
		assertThat(admin.send("PUT", POCS + "/" + id + "/chat-profile", "x", "text/plain").status()).isEqualTo(415);
		assertThat(admin.send("PATCH", POCS + "/" + id, "{}", "application/json").status()).isEqualTo(405);
		assertThat(admin.send("POST", POCS + "/" + id, "{}", "application/json").status()).isEqualTo(405);
		assertThat(admin.get(assignments(profile()) + "/add-all-active").status()).isEqualTo(405);
		assertThat(admin.get(POCS + "/not-a-uuid").status()).isEqualTo(400);
		assertThat(admin.put(POCS + "/not-a-uuid/chat-profile", Map.of("chatProfileId", UUID.randomUUID())).status())
			.isEqualTo(400);
		assertThat(admin.put(POCS + "/" + id + "/chat-profile", Map.of("chatProfileId", "not-a-uuid")).status())
			.isEqualTo(400);
	}

	// ---- helpers ------------------------------------------------------------------------------------------------------

	static Map<String, Object> poc(String name) {
		Map<String, Object> poc = new LinkedHashMap<>();
		poc.put("name", name);
		poc.put("skill", "sales");
		return poc;
	}

	static Map<String, Object> withOrigins(List<String> origins) {
		Map<String, Object> poc = poc(unique("Origins"));
		poc.put("allowedOrigins", origins);
		return poc;
	}

	static String assignments(String profileId) {
		return PROFILES + "/" + profileId + "/points-of-contact";
	}

	static String unique(String prefix) {
		return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
	}

	static List<String> fields(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		return answer.json().at("/errors").valueStream().map(e -> e.at("/field").asString()).toList();
	}

	static List<String> ids(Answer list) {
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		return list.json().at("/items").valueStream().map(p -> p.at("/id").asString()).toList();
	}

	static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	String profile() {
		Answer created = admin.post(PROFILES, Map.of("name", unique("Profile"), "interfaceVersion", "V2"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/id").asString();
	}

	JsonNode createPoc(Map<String, Object> poc) {
		Answer created = admin.post(POCS, poc);
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
}

package io.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.assets.Multipart;
import io.parley.assets.TestImages;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class WidgetConfigIntegrationTest {

	@LocalServerPort
	int port;

	private HttpApi admin() {
		return HttpApi.admin(port);
	}

	private String unique(String prefix) {
		return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
	}

	private String asset(byte[] image) {
		Answer uploaded = admin().send("POST", "/api/v1/assets", Multipart.file("image.png", "image/png", image),
				Multipart.CONTENT_TYPE);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		return uploaded.json().at("/id").asString();
	}

	private JsonNode createPoc(Map<String, Object> extra) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("name", unique("Shop"), "skill", "sales", "active", true,
				"allowedOrigins", List.of()));
		body.putAll(extra);
		Answer created = admin().post("/api/v1/points-of-contact", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	private String v2Profile(String logo, String hero) {
		Map<String, Object> waiting = new java.util.HashMap<>(Map.of("enabled", true, "message", "Thanks for waiting",
				"backgroundColor", "#FFFFFF", "textColor", "#111111", "showPosition", true, "showEstimatedWait", false));
		waiting.put("logoAssetId", logo);
		waiting.put("heroImageAssetId", hero);
		Answer created = admin().post("/api/v1/chat-profiles", Map.of("name", unique("Sales chat"),
				"description", "internal note", "interfaceVersion", "V2",
				"appearance", Map.of("primaryColor", "#FF0000", "headerTitle", "<b>Hello</b>", "buttonPosition", "TOP_LEFT"),
				"preChatForm", Map.of("enabled", true, "welcomeMessage", "Who are you?", "fields",
						List.of(Map.of("key", "email", "label", "Email", "type", "EMAIL", "required", true),
								Map.of("key", "topic", "label", "Topic", "type", "SELECT", "required", false,
										"options", List.of("Billing", "Orders")))),
				"waitingQueue", waiting));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/id").asString();
	}

	private Answer config(String pocId) {
		return HttpApi.anonymous(port).get("/widget/v1/points-of-contact/" + pocId + "/config");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void unknownOrMalformedPointOfContactIs404() {
		Answer unknown = config(UUID.randomUUID().toString());
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
		assertThat(config("not-a-uuid").status()).isEqualTo(404);
	}

	@Test
	void inactivePointOfContactIs404() {
		String id = createPoc(Map.of("active", false)).at("/id").asString();
		assertThat(config(id).status()).isEqualTo(404);
	}

	@Test
	void pointOfContactWithoutProfileShowsTheDefaultLook() {
		String id = createPoc(Map.of()).at("/id").asString();
		Answer answer = config(id);
		assertThat(answer.status()).isEqualTo(200);
		JsonNode json = answer.json();
		assertThat(json.at("/pointOfContactId").asString()).isEqualTo(id);
		assertThat(json.at("/appearance/buttonLabel").asString()).isEqualTo("Live Chat");
		assertThat(json.at("/appearance/buttonPosition").asString()).isEqualTo("BOTTOM_RIGHT");
		assertThat(json.at("/logoUrl").isNull()).isTrue();
	}

	@Test
	void servesPublicFieldsOfAV2ProfileWithAbsoluteImageUrls() {
		String logo = asset(TestImages.png(40, 20));
		String hero = asset(TestImages.png(300, 100));
		String profile = v2Profile(logo, hero);
		String id = createPoc(Map.of("chatProfileId", profile)).at("/id").asString();

		JsonNode json = config(id).json();
		assertThat(json.at("/interfaceVersion").asString()).isEqualTo("V2");
		assertThat(json.at("/appearance/primaryColor").asString()).isEqualTo("#FF0000");
		assertThat(json.at("/appearance/headerTitle").asString()).isEqualTo("<b>Hello</b>");
		assertThat(json.at("/appearance/buttonPosition").asString()).isEqualTo("TOP_LEFT");
		assertThat(json.at("/preChatForm/fields/1/options/1").asString()).isEqualTo("Orders");
		assertThat(json.at("/waitingQueue/logoUrl").asString()).isEqualTo("http://localhost:" + port + "/assets/" + logo);
		assertThat(json.at("/waitingQueue/heroImageUrl").asString()).isEqualTo("http://localhost:" + port + "/assets/" + hero);
		assertThat(json.at("/waitingQueue/showEstimatedWait").asBoolean()).isFalse();
		assertThat(json.has("agentsAvailable")).isTrue();
		String text = json.toString();
		assertThat(text).doesNotContain("internal note", "tenant", profile, "createdBy", "\"name\"");
		assertThat(HttpApi.anonymous(port).get("/assets/" + logo).status()).isEqualTo(200);
	}

	@Test
	void answersWithAnETagAnd304() {
		String id = createPoc(Map.of()).at("/id").asString();
		Answer first = config(id);
		String etag = first.header("ETag");
		assertThat(etag).isNotBlank();
		assertThat(first.header("Cache-Control")).contains("public", "max-age=");
		Answer again = HttpApi.anonymous(port).with("If-None-Match", etag)
			.get("/widget/v1/points-of-contact/" + id + "/config");
		assertThat(again.status()).isEqualTo(304);
		assertThat(again.bytes()).isEmpty();
		assertThat(HttpApi.anonymous(port).with("If-None-Match", "\"other\"")
			.get("/widget/v1/points-of-contact/" + id + "/config").status()).isEqualTo(200);
	}

	/**
	 * A plain GET is answered by a lean path before Spring Security and MVC, a HEAD by the full chain: both must carry
	 * the same headers, with and without a cross-origin Origin, and for a 304.
	 */
	@Test
	void theLeanPathAnswersWithTheFullChainsHeaders() {
		String id = createPoc(Map.of("allowedOrigins", List.of("https://shop.example.com"))).at("/id").asString();
		String path = "/widget/v1/points-of-contact/" + id + "/config";
		List<String> names = List.of("Vary", "Cache-Control", "ETag", "X-Content-Type-Options", "X-XSS-Protection",
				"Content-Type", "Content-Length", "Access-Control-Allow-Origin", "Access-Control-Expose-Headers",
				"Strict-Transport-Security", "Pragma", "Expires", "X-Frame-Options");
		for (HttpApi client : List.of(HttpApi.anonymous(port),
				HttpApi.anonymous(port).with("Origin", "https://shop.example.com"))) {
			Answer get = client.get(path);
			Answer head = client.send("HEAD", path, null, null);
			assertThat(get.status()).isEqualTo(200);
			assertThat(head.status()).isEqualTo(200);
			for (String name : names) {
				assertThat(get.response().headers().allValues(name)).as(name)
					.isEqualTo(head.response().headers().allValues(name));
			}
			assertThat(get.header("X-Content-Type-Options")).isEqualTo("nosniff");
			Answer notModified = client.with("If-None-Match", get.header("ETag")).get(path);
			assertThat(notModified.status()).isEqualTo(304);
			for (String name : List.of("Vary", "Cache-Control", "ETag", "X-Content-Type-Options",
					"Access-Control-Allow-Origin")) {
				assertThat(notModified.response().headers().allValues(name)).as(name)
					.isEqualTo(get.response().headers().allValues(name));
			}
		}
		Answer refused = HttpApi.anonymous(port).with("Origin", "https://evil.example.com").get(path);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void followsProfileChangesAssignmentAndDeactivation() {
		String profile = v2Profile(null, null);
		JsonNode poc = createPoc(Map.of());
		String id = poc.at("/id").asString();
		String defaultEtag = config(id).header("ETag");

		assertThat(admin().put("/api/v1/points-of-contact/" + id + "/chat-profile", Map.of("chatProfileId", profile))
			.status()).isEqualTo(200);
		Answer assigned = config(id);
		assertThat(assigned.json().at("/interfaceVersion").asString()).isEqualTo("V2");
		assertThat(assigned.header("ETag")).isNotEqualTo(defaultEtag);

		JsonNode current = admin().get("/api/v1/chat-profiles/" + profile).json();
		Map<String, Object> changed = HttpApi.JSON.convertValue(current, Map.class);
		@SuppressWarnings("unchecked")
		Map<String, Object> appearance = (Map<String, Object>) changed.get("appearance");
		appearance.put("headerTitle", "Changed title");
		Answer updated = admin().put("/api/v1/chat-profiles/" + profile, changed);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(config(id).json().at("/appearance/headerTitle").asString()).isEqualTo("Changed title");

		assertThat(admin().delete("/api/v1/points-of-contact/" + id + "/chat-profile").status()).isEqualTo(204);
		assertThat(config(id).json().at("/appearance/headerTitle").asString()).isEqualTo("Chat with us");

		JsonNode pocNow = admin().get("/api/v1/points-of-contact/" + id).json();
		Map<String, Object> inactive = HttpApi.JSON.convertValue(pocNow, Map.class);
		inactive.put("active", false);
		assertThat(admin().put("/api/v1/points-of-contact/" + id, inactive).status()).isEqualTo(200);
		assertThat(config(id).status()).isEqualTo(404);
	}

	@Test
	void limitsBrowsersToTheAllowedOrigins() {
		String id = createPoc(Map.of("allowedOrigins", List.of("https://shop.example.com"))).at("/id").asString();
		String path = "/widget/v1/points-of-contact/" + id + "/config";

		Answer allowed = HttpApi.anonymous(port).with("Origin", "https://shop.example.com").get(path);
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
		assertThat(allowed.header("Vary")).contains("Origin");

		Answer other = HttpApi.anonymous(port).with("Origin", "https://shop.example.com.evil.test").get(path);
		assertThat(other.status()).isEqualTo(403);
		assertThat(other.header("Access-Control-Allow-Origin")).isNull();
		assertThat(other.header("Content-Type")).startsWith("application/problem+json");

		Answer preflight = HttpApi.anonymous(port).with("Origin", "https://shop.example.com")
			.with("Access-Control-Request-Method", "GET")
			.with("Access-Control-Request-Headers", "if-none-match")
			.send("OPTIONS", path, null, null);
		assertThat(preflight.status()).isEqualTo(204);
		assertThat(preflight.header("Access-Control-Allow-Methods")).contains("GET");
	}

	@Test
	void carriesTheButtonOffsetOfTheProfile() {
		WidgetFixtures fixtures = new WidgetFixtures(port);
		String profile = fixtures.profile(Map.of("interfaceVersion", "V1", "appearance",
				Map.of("buttonOffset", Map.of("x", 64, "y", 112))));
		String poc = fixtures.pointOfContact(profile, "sales", List.of());
		JsonNode offset = config(poc).json().at("/appearance/buttonOffset");
		assertThat(offset.at("/x").asInt()).isEqualTo(64);
		assertThat(offset.at("/y").asInt()).isEqualTo(112);
	}

	@Test
	void emptyAllowedOriginsAllowAnyOrigin() {
		String id = createPoc(Map.of()).at("/id").asString();
		Answer answer = HttpApi.anonymous(port).with("Origin", "http://localhost:3000")
			.get("/widget/v1/points-of-contact/" + id + "/config");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
	}

	@Test
	void tellsWhetherAnAgentWithTheSkillIsAvailable() {
		String skill = "skill-" + UUID.randomUUID().toString().substring(0, 8);
		String lonely = createPoc(Map.of("skill", skill + "-none")).at("/id").asString();
		assertThat(config(lonely).json().at("/agentsAvailable").asBoolean()).isFalse();

		Answer agent = admin().post("/api/v1/users", Map.of("username", skill, "displayName", "Agent", "password",
				"agent-password", "roles", List.of("AGENT"), "skills", List.of(skill)));
		assertThat(agent.status()).isEqualTo(201);
		String staffed = createPoc(Map.of("skill", skill)).at("/id").asString();
		assertThat(config(staffed).json().at("/agentsAvailable").asBoolean()).as("an agent who is not AVAILABLE").isFalse();
		Answer available = HttpApi.basic(port, skill, "agent-password").put("/api/v1/agent/status",
				Map.of("status", "AVAILABLE"));
		assertThat(available.status()).isEqualTo(200);
		// Presence is cached for a few seconds: wait for it, bounded.
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
		boolean seen = false;
		while (!seen && System.nanoTime() < deadline) {
			seen = config(staffed).json().at("/agentsAvailable").asBoolean();
			if (!seen) {
				sleep(200);
			}
		}
		assertThat(seen).isTrue();
	}
}

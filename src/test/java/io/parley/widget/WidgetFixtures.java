package io.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.assets.Multipart;
import io.parley.assets.TestImages;
import tools.jackson.databind.JsonNode;

/** Profiles, points of contact, images and agents for widget tests, made through the public HTTP API. */
final class WidgetFixtures {

	private final int port;

	WidgetFixtures(int port) {
		this.port = port;
	}

	HttpApi admin() {
		return HttpApi.admin(port);
	}

	String parley() {
		return "http://localhost:" + port;
	}

	/** A JSON object from alternating names and values, in that order (Map.of stops at ten pairs). */
	static Map<String, Object> json(Object... namesAndValues) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return map;
	}

	static String unique(String prefix) {
		return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
	}

	/** A new chat profile; answers its id. */
	String profile(Map<String, Object> body) {
		Map<String, Object> full = new HashMap<>(body);
		full.putIfAbsent("name", unique("Widget profile"));
		Answer created = admin().post("/api/v1/chat-profiles", full);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/id").asString();
	}

	/** A new active point of contact with that profile (or none), skill and allowed origins; answers its id. */
	String pointOfContact(String profileId, String skill, List<String> allowedOrigins) {
		Map<String, Object> body = new HashMap<>(Map.of("name", unique("Shop page"), "skill", skill, "active", true,
				"allowedOrigins", allowedOrigins));
		body.put("chatProfileId", profileId);
		Answer created = admin().post("/api/v1/points-of-contact", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/id").asString();
	}

	/** An uploaded image; answers its asset id. */
	String asset(byte[] png) {
		Answer uploaded = admin().send("POST", "/api/v1/assets", Multipart.file("image.png", "image/png", png),
				Multipart.CONTENT_TYPE);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		return uploaded.json().at("/id").asString();
	}

	/** An AGENT with {@code skill} who handles up to {@code capacity} chats; answers a client logged in as them. */
	HttpApi agent(String skill, String displayName, int capacity) {
		String username = "agent-" + UUID.randomUUID().toString().substring(0, 8);
		Answer created = admin().post("/api/v1/users", Map.of("username", username, "displayName", displayName,
				"password", "agent-password-1", "roles", List.of("AGENT"), "skills", List.of(skill),
				"maxConcurrentChats", capacity));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return HttpApi.basic(port, username, "agent-password-1");
	}

	/** Where an agent's feed stands now: events after it are the ones still to come. */
	static String feedHead(HttpApi agent) {
		Answer answer = agent.get("/api/v1/agent/events?waitSeconds=0");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return answer.json().at("/cursor").asString();
	}

	/** Reads an agent's feed from {@code cursor} until an event matches; answers it and moves the cursor past it. */
	static JsonNode awaitAgentEvent(HttpApi agent, String[] cursor, Predicate<JsonNode> wanted) {
		return awaitAgentEvent(agent, cursor, wanted, () -> true);
	}

	/** The same, giving up early once {@code stillGoing} says the other side has stopped. */
	static JsonNode awaitAgentEvent(HttpApi agent, String[] cursor, Predicate<JsonNode> wanted,
			java.util.function.BooleanSupplier stillGoing) {
		for (int round = 0; round < 30 && stillGoing.getAsBoolean(); round++) {
			Answer answer = agent.get("/api/v1/agent/events?waitSeconds=2&after=" + cursor[0]);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			for (JsonNode event : answer.json().at("/events")) {
				cursor[0] = event.at("/cursor").asString();
				if (wanted.test(event)) {
					return event;
				}
			}
		}
		throw new AssertionError("The agent never got the expected event");
	}

	/** The agent says {@code text} in {@code chat}. */
	static void say(HttpApi agent, String chat, String text) {
		Answer said = agent.post("/api/v1/agent/chats/" + chat + "/messages",
				Map.of("clientMessageId", UUID.randomUUID().toString(), "text", text));
		assertThat(said.status()).as(said.toString()).isEqualTo(201);
	}

	/** The texts of a chat's transcript, oldest first. */
	List<String> transcript(String chat) {
		Answer answer = admin().get("/api/v1/chats/" + chat + "/transcript");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		List<String> texts = new java.util.ArrayList<>();
		answer.json().at("/messages").forEach(m -> texts.add(m.at("/text").asString()));
		return texts;
	}

	/**
	 * The small cross-browser journey's profile: V2, the button in the bottom left corner with its own label, and a
	 * pre-chat form asking for a name and an email address.
	 */
	Map<String, Object> crossBrowserProfile() {
		return json("interfaceVersion", "V2",
				"appearance", json("primaryColor", "#7C3AED", "primaryTextColor", "#FFFFFF", "topBarColor", "#7C3AED",
						"topBarTextColor", "#FFFFFF", "agentBubbleColor", "#F3E8FF", "agentBubbleTextColor", "#3B0764",
						"headerTitle", "Lumen Help", "welcomeMessage", "Hi! Ask us anything.",
						"buttonLabel", "Talk to Lumen", "buttonPosition", "BOTTOM_LEFT"),
				"preChatForm", json("enabled", true, "welcomeMessage", "Before we start, tell us who you are.",
						"fields", List.of(
								json("key", "name", "label", "Your name", "type", "TEXT", "required", true),
								json("key", "email", "label", "Email", "type", "EMAIL", "required", true))));
	}

	/** A wordmark logo: a rounded badge and a name, on a transparent background. */
	static byte[] logo(String name, Color color) {
		return TestImages.logo(name, color);
	}

	/** A hero picture: a soft gradient with a few shapes, like a banner. */
	static byte[] hero(Color from, Color to) {
		return TestImages.hero(from, to);
	}
}

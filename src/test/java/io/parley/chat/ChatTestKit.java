package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.parley.HttpApi;
import io.parley.TestSocket;
import io.parley.HttpApi.Answer;
import io.parley.accounts.TestTenants;
import tools.jackson.databind.JsonNode;

/**
 * A tenant of its own for a chat test, with helpers to make agents, points of contact and chats, and to read
 * customers' and agents' events. Each kit uses its own skill names, so tests sharing the running Parley never share
 * a queue.
 */
final class ChatTestKit {

	static final String PASSWORD = "chat-test-password";
	static final Duration PATIENCE = Duration.ofSeconds(20);

	final int port;
	final String adminUsername;
	final HttpApi admin;
	final String suffix = UUID.randomUUID().toString().substring(0, 8);

	private ChatTestKit(int port, String adminUsername) {
		this.port = port;
		this.adminUsername = adminUsername;
		this.admin = HttpApi.basic(port, adminUsername, PASSWORD);
	}

	/** The agent's feed over a WebSocket ({@code /api/v1/agent/stream}, HTTP Basic), as the console holds it. */
	TestSocket feedSocket(Agent agent) {
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((agent.username() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		return TestSocket.open("ws://localhost:" + port + "/api/v1/agent/stream", Map.of("Authorization", basic));
	}

	static ChatTestKit newTenant(int port, TestTenants tenants) {
		return new ChatTestKit(port, tenants.tenantWithAdmin(PASSWORD));
	}

	String skill(String name) {
		return name + "-" + suffix;
	}

	/** An agent with an API token (cheaper than Basic with a password hash on every request). */
	Agent agent(String name, int capacity, String... skills) {
		String username = name + "-" + UUID.randomUUID().toString().substring(0, 8);
		Answer created = admin.post("/api/v1/users", Map.of("username", username, "displayName", name + " Agent",
				"password", PASSWORD, "roles", List.of("AGENT"), "skills", List.of(skills), "maxConcurrentChats",
				capacity));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		Answer token = HttpApi.basic(port, username, PASSWORD).post("/api/v1/api-tokens", Map.of("name", "test"));
		assertThat(token.status()).as(token.toString()).isEqualTo(201);
		return new Agent(created.json().at("/id").asString(), username, name + " Agent",
				HttpApi.bearer(port, token.json().at("/token").asString()));
	}

	String pointOfContact(String skill, Map<String, Object> extra) {
		Map<String, Object> body = new HashMap<>(Map.of("name", "Shop " + UUID.randomUUID(), "skill", skill,
				"active", true, "allowedOrigins", List.of()));
		body.putAll(extra);
		Answer created = admin.post("/api/v1/points-of-contact", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/id").asString();
	}

	String pointOfContact(String skill) {
		return pointOfContact(skill, Map.of());
	}

	/** A V2 profile asking name (required TEXT, max 20), email (required), topic (SELECT) and consent (CHECKBOX). */
	String profileWithForm() {
		Answer created = admin.post("/api/v1/chat-profiles", Map.of("name", "Form " + UUID.randomUUID(),
				"interfaceVersion", "V2", "appearance", Map.of(),
				"preChatForm", Map.of("enabled", true, "fields", List.of(
						Map.of("key", "name", "label", "Name", "type", "TEXT", "required", true, "maxLength", 20),
						Map.of("key", "email", "label", "Email", "type", "EMAIL", "required", true),
						Map.of("key", "topic", "label", "Topic", "type", "SELECT", "required", false, "options",
								List.of("Billing", "Orders")),
						Map.of("key", "consent", "label", "I agree", "type", "CHECKBOX", "required", false)))));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/id").asString();
	}

	Answer tryStart(String pocId, Object body) {
		return HttpApi.anonymous(port).post("/widget/v1/points-of-contact/" + pocId + "/chats", body);
	}

	Customer start(String pocId) {
		return start(pocId, Map.of());
	}

	Customer start(String pocId, Map<String, Object> preChat) {
		Answer started = tryStart(pocId, Map.of("preChat", preChat));
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		JsonNode json = started.json();
		return new Customer(json.at("/chatId").asString(), json.at("/token").asString(), json,
				HttpApi.bearer(port, json.at("/token").asString()));
	}

	/** A customer holding one chat's token. */
	record Customer(String chatId, String token, JsonNode started, HttpApi api) {

		String path(String rest) {
			return "/widget/v1/chats/" + chatId + rest;
		}

		JsonNode status() {
			Answer answer = api.get(path(""));
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			return answer.json();
		}

		Answer say(String clientMessageId, String text) {
			return api.post(path("/messages"), Map.of("clientMessageId", clientMessageId, "text", text));
		}

		List<JsonNode> events(long after, int waitSeconds) {
			Answer answer = api.get(path("/events?after=" + after + "&waitSeconds=" + waitSeconds));
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			List<JsonNode> events = new ArrayList<>();
			answer.json().at("/events").forEach(events::add);
			return events;
		}

		/** A reader that follows this chat's events from the start. */
		CustomerFeed feed() {
			return new CustomerFeed(this);
		}
	}

	/** Reads a customer's events by long poll, remembering the last seq. */
	static final class CustomerFeed {

		private final Customer customer;
		final List<JsonNode> seen = new ArrayList<>();
		long after;
		private int checked;

		CustomerFeed(Customer customer) {
			this.customer = customer;
		}

		/** Polls until an event that matches has come (kept in {@link #seen}); fails after {@link #PATIENCE}. */
		JsonNode await(Predicate<JsonNode> wanted, String description) {
			long deadline = System.nanoTime() + PATIENCE.toNanos();
			while (true) {
				for (; checked < seen.size(); checked++) {
					if (wanted.test(seen.get(checked))) {
						return seen.get(checked++);
					}
				}
				if (System.nanoTime() > deadline) {
					throw new AssertionError("No event " + description + " for chat " + customer.chatId() + "; got " + seen);
				}
				for (JsonNode event : customer.events(after, 5)) {
					seen.add(event);
					after = event.at("/seq").asLong();
				}
			}
		}
	}

	/** An agent with an API token. */
	record Agent(String id, String username, String displayName, HttpApi api) {

		JsonNode status(String status) {
			Answer answer = api.put("/api/v1/agent/status", Map.of("status", status));
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			return answer.json();
		}

		Answer say(String chatId, String clientMessageId, String text) {
			return api.post("/api/v1/agent/chats/" + chatId + "/messages",
					Map.of("clientMessageId", clientMessageId, "text", text));
		}

		JsonNode chats() {
			Answer answer = api.get("/api/v1/agent/chats");
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			return answer.json();
		}

		/** A reader of this agent's feed from its very beginning. */
		AgentFeed feed() {
			return new AgentFeed(this, "0");
		}
	}

	/** Reads an agent's feed by long poll, remembering the cursor. */
	static final class AgentFeed {

		private final Agent agent;
		final List<JsonNode> seen = new ArrayList<>();
		String cursor;
		private int checked;

		AgentFeed(Agent agent, String cursor) {
			this.agent = agent;
			this.cursor = cursor;
		}

		List<JsonNode> poll(int waitSeconds) {
			Answer answer = agent.api().get("/api/v1/agent/events?after=" + cursor + "&waitSeconds=" + waitSeconds);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			List<JsonNode> events = new ArrayList<>();
			answer.json().at("/events").forEach(events::add);
			seen.addAll(events);
			cursor = answer.json().at("/cursor").asString();
			return events;
		}

		/** Polls until a new event that matches has come; fails after {@link #PATIENCE}. */
		JsonNode await(Predicate<JsonNode> wanted, String description) {
			long deadline = System.nanoTime() + PATIENCE.toNanos();
			while (true) {
				for (; checked < seen.size(); checked++) {
					if (wanted.test(seen.get(checked))) {
						return seen.get(checked++);
					}
				}
				if (System.nanoTime() > deadline) {
					throw new AssertionError("No event " + description + " for agent " + agent.username() + "; got " + seen);
				}
				poll(5);
			}
		}

		JsonNode assigned(String chatId) {
			return await(e -> e.at("/type").asString().equals("ASSIGNED") && e.at("/chatId").asString().equals(chatId),
					"ASSIGNED " + chatId);
		}
	}

	static Predicate<JsonNode> type(String type) {
		return event -> event.at("/type").asString().equals(type);
	}

	/** Retries until {@code check} holds; fails with the last value after {@link #PATIENCE}. */
	static <T> T eventually(Supplier<T> value, Predicate<T> check, String description) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		T last = value.get();
		while (!check.test(last)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Never " + description + "; last: " + last);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
			last = value.get();
		}
		return last;
	}
}

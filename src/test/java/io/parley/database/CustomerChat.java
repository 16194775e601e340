package io.parley.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.HttpApi;
import io.parley.HttpApi.Answer;

/**
 * A customer's chat through the public widget API, on a point of contact of its own, for tests that count what a
 * database failure did to acknowledged messages. The transcript is read by the tenant's admin.
 */
record CustomerChat(HttpApi admin, HttpApi customer, String chatId) {

	/** A new point of contact (in {@code admin}'s tenant) and a chat started on it. */
	static CustomerChat start(int port, HttpApi admin) {
		Answer poc = admin.post("/api/v1/points-of-contact", Map.of("name", "Durable " + UUID.randomUUID(), "skill",
				"durable-" + UUID.randomUUID().toString().substring(0, 8), "active", true, "allowedOrigins", List.of()));
		assertThat(poc.status()).as(poc.toString()).isEqualTo(201);
		Answer started = HttpApi.anonymous(port)
			.post("/widget/v1/points-of-contact/" + poc.json().at("/id").asString() + "/chats", Map.of("preChat", Map.of()));
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		return new CustomerChat(admin, HttpApi.bearer(port, started.json().at("/token").asString()),
				started.json().at("/chatId").asString());
	}

	/** Sends {@code count} messages one after the other; answers the texts, each acknowledged with 201. */
	List<String> send(int count, String prefix) {
		List<String> acknowledged = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String text = prefix + " " + i;
			Answer said = customer.post("/widget/v1/chats/" + chatId + "/messages",
					Map.of("clientMessageId", prefix + "-" + i, "text", text));
			assertThat(said.status()).as("message %d: %s", i, said).isEqualTo(201);
			acknowledged.add(text);
		}
		return acknowledged;
	}

	/** The texts the transcript holds, in order; fails unless the transcript is readable. */
	List<String> transcript() {
		Answer transcript = admin.get("/api/v1/chats/" + chatId + "/transcript");
		assertThat(transcript.status()).as(transcript.toString()).isEqualTo(200);
		return transcript.json().at("/messages").valueStream().map(m -> m.at("/text").asString()).toList();
	}

	/** Whether the transcript can be read now (the database answers again). */
	boolean readable() {
		try {
			return admin.get("/api/v1/chats/" + chatId + "/transcript").status() == 200;
		}
		catch (IllegalStateException e) {
			return false;
		}
	}
}

package io.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;

/**
 * Users and API tokens read JSON as strictly as every other endpoint (one configuration for the whole API): a value
 * in another type is refused with 400 naming the field, where Jackson alone used to coerce it.
 */
@IntegrationTest
class StrictJsonIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void usersRefuseCoercedValuesNamingTheField() {
		HttpApi admin = HttpApi.admin(port);
		assertRefused(admin.post("/api/v1/users", user("maxConcurrentChats", "3")), "maxConcurrentChats");
		assertRefused(admin.post("/api/v1/users", user("maxConcurrentChats", 2.5)), "maxConcurrentChats");
		assertRefused(admin.post("/api/v1/users", user("enabled", "true")), "enabled");
		assertRefused(admin.post("/api/v1/users", user("enabled", 1)), "enabled");
		assertRefused(admin.post("/api/v1/users", user("displayName", 42)), "displayName");
		assertRefused(admin.post("/api/v1/users", user("roles", List.of(0))), "roles[0]");
		Answer fine = admin.post("/api/v1/users", user("maxConcurrentChats", 3));
		assertThat(fine.status()).as(fine.toString()).isEqualTo(201);
	}

	@Test
	void apiTokensRefuseANameThatIsNotAString() {
		HttpApi admin = HttpApi.admin(port);
		assertRefused(admin.post("/api/v1/api-tokens", Map.of("name", 7)), "name");
		assertRefused(admin.post("/api/v1/api-tokens", Map.of("name", true)), "name");
		Answer fine = admin.post("/api/v1/api-tokens", Map.of("name", "CI"));
		assertThat(fine.status()).as(fine.toString()).isEqualTo(201);
	}

	private static Map<String, Object> user(String name, Object value) {
		Map<String, Object> user = new java.util.HashMap<>(Map.of("username", "u-" + UUID.randomUUID().toString()
			.substring(0, 8), "displayName", "Strict", "password", "strict-password-1", "roles", List.of("AGENT"),
				"skills", List.of("sales")));
		user.put(name, value);
		return user;
	}

	private static void assertRefused(Answer answer, String field) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().at("/errors/0/field").asString()).as(answer.toString()).isEqualTo(field);
	}
}

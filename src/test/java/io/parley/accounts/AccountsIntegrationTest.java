package io.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;

@IntegrationTest
class AccountsIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants testTenants;

	@Test
	void anonymousHealthShowsTheStatusOnly() {
		Answer health = HttpApi.anonymous(port).get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().at("/status").asString()).isEqualTo("UP");
		assertThat(health.json().has("components")).as("components in " + health.text()).isFalse();
		assertThat(health.text()).doesNotContain("path", "PostgreSQL");
	}

	@Test
	void readinessAndLivenessAnswerAnonymously() {
		for (String probe : List.of("/actuator/health/readiness", "/actuator/health/liveness")) {
			Answer answer = HttpApi.anonymous(port).get(probe);
			assertThat(answer.status()).as(probe).isEqualTo(200);
			assertThat(answer.json().at("/status").asString()).as(probe).isEqualTo("UP");
		}
	}

	@Test
	void adminsSeeTheHealthDetailsWithBasicOrAnApiToken() {
		String token = HttpApi.admin(port).post("/api/v1/api-tokens", Map.of("name", "monitoring")).json().at("/token")
			.asString();
		for (HttpApi admin : List.of(HttpApi.admin(port), HttpApi.bearer(port, token))) {
			Answer health = admin.get("/actuator/health");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
			assertThat(health.json().at("/components/db/details/database").asString()).isEqualTo("PostgreSQL");
			assertThat(health.json().at("/components/diskSpace/details/path").isString()).isTrue();
		}
	}

	@Test
	void agentsSeeTheHealthStatusOnly() {
		String name = newUser("agent-password", "AGENT");
		Answer health = HttpApi.basic(port, name, "agent-password").get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().has("components")).isFalse();
	}

	@Test
	void aChangedPasswordStopsWorkingAtOnce() {
		String name = newUser("first-password", "AGENT");
		HttpApi first = HttpApi.basic(port, name, "first-password");
		assertThat(first.get("/api/v1/api-tokens").status()).isEqualTo(200);
		assertThat(first.get("/api/v1/api-tokens").status()).isEqualTo(200);

		assertThat(HttpApi.admin(port).put("/api/v1/users/" + id(name), Map.of("username", name, "displayName", "Ann",
				"password", "second-password", "roles", List.of("AGENT"))).status()).isEqualTo(200);
		assertThat(first.get("/api/v1/api-tokens").status()).isEqualTo(401);
		assertThat(HttpApi.basic(port, name, "second-password").get("/api/v1/api-tokens").status()).isEqualTo(200);
	}

	@Test
	void aDisabledOrDeletedUserIsRefusedAtOnce() {
		String name = newUser("agent-password", "AGENT");
		HttpApi agent = HttpApi.basic(port, name, "agent-password");
		assertThat(agent.get("/api/v1/api-tokens").status()).isEqualTo(200);
		assertThat(HttpApi.admin(port).put("/api/v1/users/" + id(name), Map.of("username", name, "displayName", "Ann",
				"roles", List.of("AGENT"), "enabled", false)).status()).isEqualTo(200);
		assertThat(agent.get("/api/v1/api-tokens").status()).isEqualTo(401);

		String other = newUser("agent-password", "AGENT");
		HttpApi deleted = HttpApi.basic(port, other, "agent-password");
		assertThat(deleted.get("/api/v1/api-tokens").status()).isEqualTo(200);
		assertThat(HttpApi.admin(port).delete("/api/v1/users/" + id(other)).status()).isEqualTo(204);
		assertThat(deleted.get("/api/v1/api-tokens").status()).isEqualTo(401);
	}

	@Test
	void losingARoleTakesEffectAtOnce() {
		String name = newUser("admin-password", "ADMIN");
		HttpApi admin = HttpApi.basic(port, name, "admin-password");
		assertThat(admin.get("/api/v1/users").status()).isEqualTo(200);
		assertThat(HttpApi.admin(port).put("/api/v1/users/" + id(name), Map.of("username", name, "displayName", "Ann",
				"roles", List.of("AGENT"))).status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/users").status()).isEqualTo(403);
	}

	private String newUser(String password, String role) {
		String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(HttpApi.admin(port).post("/api/v1/users", Map.of("username", name, "displayName", "Ann",
				"password", password, "roles", List.of(role))).status()).isEqualTo(201);
		return name;
	}

	private String id(String username) {
		return HttpApi.admin(port).get("/api/v1/users?q=" + username).json().at("/items/0/id").asString();
	}

	@Test
	void answersMissingCredentialsWith401Problem() {
		Answer answer = HttpApi.anonymous(port).get("/api/v1/users");
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().at("/status").asInt()).isEqualTo(401);
	}

	@Test
	void refusesAWrongPassword() {
		assertThat(HttpApi.basic(port, "admin", "wrong").get("/api/v1/users").status()).isEqualTo(401);
	}

	@Test
	void firstStartAdminListsUsers() {
		Answer answer = HttpApi.admin(port).get("/api/v1/users?q=admin");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().at("/items").valueStream().map(u -> u.at("/username").asString()))
			.contains("admin");
	}

	@Test
	void createsAnAgentWhoCannotManageUsers() {
		String name = "agent-" + UUID.randomUUID().toString().substring(0, 8);
		Answer created = HttpApi.admin(port).post("/api/v1/users", Map.of("username", name, "displayName", "Ann Agent",
				"password", "agent-password", "roles", List.of("AGENT"), "skills", List.of("sales"),
				"maxConcurrentChats", 3));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		assertThat(created.json().has("password")).isFalse();
		assertThat(created.json().at("/maxConcurrentChats").asInt()).isEqualTo(3);

		Answer forbidden = HttpApi.basic(port, name, "agent-password").get("/api/v1/users");
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void rejectsInvalidUsersNamingTheFields() {
		Answer answer = HttpApi.admin(port).post("/api/v1/users",
				Map.of("username", "<script>", "displayName", "", "password", "short", "roles", List.of()));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().at("/errors").valueStream().map(e -> e.at("/field").asString()))
			.contains("username", "displayName", "password", "roles");
	}

	@Test
	void rejectsADuplicateUsernameIgnoringCase() {
		Answer answer = HttpApi.admin(port).post("/api/v1/users",
				Map.of("username", "ADMIN", "displayName", "Other", "password", "long-enough", "roles", List.of("AGENT")));
		assertThat(answer.status()).isEqualTo(409);
	}

	@Test
	void apiTokenAuthenticatesUntilRevoked() {
		Answer created = HttpApi.admin(port).post("/api/v1/api-tokens", Map.of("name", "ci"));
		assertThat(created.status()).isEqualTo(201);
		String token = created.json().at("/token").asString();
		assertThat(token).startsWith("pat_");

		String id = created.json().at("/id").asString();
		assertThat(lastUsedAt(id)).isNull();
		assertThat(HttpApi.bearer(port, token).get("/api/v1/users").status()).isEqualTo(200);
		assertThat(HttpApi.admin(port).get("/api/v1/api-tokens").text()).doesNotContain(token);
		String used = lastUsedAt(id);
		assertThat(used).isNotNull();
		// Within a minute, use is read, not written again.
		assertThat(HttpApi.bearer(port, token).get("/api/v1/users").status()).isEqualTo(200);
		assertThat(lastUsedAt(id)).isEqualTo(used);

		assertThat(HttpApi.admin(port).delete("/api/v1/api-tokens/" + id).status()).isEqualTo(204);
		assertThat(HttpApi.bearer(port, token).get("/api/v1/users").status()).isEqualTo(401);
	}

	private String lastUsedAt(String tokenId) {
		for (var token : HttpApi.admin(port).get("/api/v1/api-tokens").json().at("/items")) {
			if (token.at("/id").asString().equals(tokenId)) {
				return token.at("/lastUsedAt").isNull() ? null : token.at("/lastUsedAt").asString();
			}
		}
		throw new AssertionError("No token " + tokenId);
	}

	@Test
	void anotherTenantsAdminCannotSeeThisTenantsUsers() {
		String other = testTenants.tenantWithAdmin("other-password");
		String adminId = HttpApi.admin(port).get("/api/v1/users?q=admin").json().at("/items/0/id").asString();
		HttpApi otherAdmin = HttpApi.basic(port, other, "other-password");
		assertThat(otherAdmin.get("/api/v1/users/" + adminId).status()).isEqualTo(404);
		assertThat(otherAdmin.get("/api/v1/users").json().at("/items").size()).isEqualTo(1);
	}

	@Test
	void loginPageHasLabelledFields() {
		Answer page = HttpApi.anonymous(port).get("/login");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.text()).contains("<label for=\"username\">Username</label>", "<label for=\"password\">Password</label>",
				"Log in", "name=\"_csrf\"");
	}
}

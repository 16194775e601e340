package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.HttpApi.Answer;
import io.parley.accounts.TestTenants;
import io.parley.assets.Multipart;
import io.parley.assets.TestImages;

/**
 * The API's answers as recorded before the renovation of issue 10 (golden files under
 * {@code src/test/resources/golden/api/}, placeholders as {@link GoldenJson} says): points of contact, users, API tokens
 * and the problem bodies of the main error kinds, including those written outside the MVC problem handler (security
 * entry points, the widget's origin filter, the console feed).
 */
@IntegrationTest
class ApiGoldenIntegrationTest {

	private static final String PASSWORD = "golden-password";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	/** A new tenant with its admin; its names' random parts are volatile. */
	private record Tenant(String suffix, HttpApi admin, Map<String, String> volatiles) {
	}

	private Tenant newTenant() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String adminName = tenants.tenantWithAdmin(PASSWORD);
		return new Tenant(suffix, HttpApi.basic(port, adminName, PASSWORD),
				Map.of(suffix, "<suffix>", adminName.substring("admin-".length()), "<admin>"));
	}

	@Test
	void pointsOfContactAnswerAsRecorded() {
		Tenant tenant = newTenant();
		Answer created = tenant.admin().post("/api/v1/points-of-contact", Map.of("name", "Sales " + tenant.suffix(),
				"skill", "sales", "description", "The shop's sales page",
				"allowedOrigins", List.of("https://shop.example.com")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		GoldenJson.assertMatches("api/point-of-contact-created.json", created.json(), tenant.volatiles());
		String id = created.json().at("/id").asString();

		GoldenJson.assertMatches("api/point-of-contact.json", tenant.admin().get("/api/v1/points-of-contact/" + id).json(),
				tenant.volatiles());
		GoldenJson.assertMatches("api/points-of-contact.json", tenant.admin().get("/api/v1/points-of-contact").json(),
				tenant.volatiles());

		Answer stale = tenant.admin().with("If-Match", "\"99\"").put("/api/v1/points-of-contact/" + id,
				Map.of("name", "Sales", "skill", "sales"));
		assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
		GoldenJson.assertMatches("api/problem-412-stale.json", stale.json());

		Answer invalid = tenant.admin().post("/api/v1/points-of-contact", Map.of("name", "", "skill", "Not A Skill!",
				"allowedOrigins", List.of("shop.example.com/path")));
		assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
		GoldenJson.assertMatches("api/problem-400-fields.json", invalid.json());

		Answer malformed = tenant.admin().send("POST", "/api/v1/points-of-contact", "{\"name\": ", "application/json");
		assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
		GoldenJson.assertMatches("api/problem-400-malformed.json", malformed.json());

		Answer unknown = tenant.admin().get("/api/v1/points-of-contact/" + UUID.randomUUID());
		assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
		GoldenJson.assertMatches("api/problem-404.json", unknown.json());

		Answer notUuid = tenant.admin().get("/api/v1/points-of-contact/not-a-uuid");
		assertThat(notUuid.status()).as(notUuid.toString()).isEqualTo(400);
		GoldenJson.assertMatches("api/problem-400-type.json", notUuid.json());

		Answer otherSite = HttpApi.anonymous(port).with("Origin", "https://evil.example.com")
			.get("/widget/v1/points-of-contact/" + id + "/config");
		assertThat(otherSite.status()).as(otherSite.toString()).isEqualTo(403);
		GoldenJson.assertMatches("api/problem-403-origin.json", otherSite.json());
	}

	@Test
	void usersAndTokensAnswerAsRecorded() {
		Tenant tenant = newTenant();
		String agentName = "agent-" + tenant.suffix();
		Answer created = tenant.admin().post("/api/v1/users", Map.of("username", agentName,
				"displayName", "Ann " + tenant.suffix(), "password", "agent-password", "roles", List.of("AGENT"),
				"skills", List.of("sales"), "maxConcurrentChats", 3));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		GoldenJson.assertMatches("api/user-created.json", created.json(), tenant.volatiles());
		GoldenJson.assertMatches("api/users.json", tenant.admin().get("/api/v1/users").json(), tenant.volatiles());

		Answer duplicate = tenant.admin().post("/api/v1/users", Map.of("username", agentName, "displayName", "Again",
				"password", "agent-password", "roles", List.of("AGENT")));
		assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
		GoldenJson.assertMatches("api/problem-409.json", duplicate.json(), tenant.volatiles());

		Answer token = tenant.admin().post("/api/v1/api-tokens", Map.of("name", "ci " + tenant.suffix()));
		assertThat(token.status()).as(token.toString()).isEqualTo(201);
		assertThat(token.json().at("/token").asString()).startsWith("pat_");
		GoldenJson.assertMatches("api/api-token-created.json", token.json(), tenant.volatiles());
		Answer tokens = tenant.admin().get("/api/v1/api-tokens");
		assertThat(tokens.text()).as("the secret is shown once").doesNotContain(token.json().at("/token").asString());
		GoldenJson.assertMatches("api/api-tokens.json", tokens.json(), tenant.volatiles());

		Answer anonymous = HttpApi.anonymous(port).get("/api/v1/users");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Parley\", Bearer");
		// written by the security entry point, yet typed like every other problem (it said charset=ISO-8859-1 before)
		assertThat(anonymous.header("Content-Type")).isEqualTo("application/problem+json");
		GoldenJson.assertMatches("api/problem-401.json", anonymous.json());

		Answer agent = HttpApi.basic(port, agentName, "agent-password").get("/api/v1/users");
		assertThat(agent.status()).isEqualTo(403);
		GoldenJson.assertMatches("api/problem-403-role.json", agent.json());

		Answer feed = HttpApi.anonymous(port).get("/console/agent/stream");
		assertThat(feed.status()).isEqualTo(401);
		assertThat(feed.header("WWW-Authenticate")).isNull();
		GoldenJson.assertMatches("api/problem-401-console-feed.json", feed.json());

		Answer noChatToken = HttpApi.anonymous(port).get("/widget/v1/chats/" + UUID.randomUUID());
		assertThat(noChatToken.status()).as(noChatToken.toString()).isEqualTo(401);
		assertThat(noChatToken.header("WWW-Authenticate")).isEqualTo("Bearer");
		GoldenJson.assertMatches("api/problem-401-chat-token.json", noChatToken.json());
	}

	@Test
	void uploadProblemsAnswerAsRecorded() throws Exception {
		HttpApi admin = HttpApi.admin(port);
		Answer unsupported = admin.send("POST", "/api/v1/assets", Multipart.file("a.txt", "text/plain",
				"not an image".getBytes()), Multipart.CONTENT_TYPE);
		assertThat(unsupported.status()).as(unsupported.toString()).isEqualTo(415);
		GoldenJson.assertMatches("api/problem-415-upload.json", unsupported.json());

		Answer overFileLimit = admin.send("POST", "/api/v1/assets", Multipart.file("big.png", "image/png",
				TestImages.noisyPng(700, 700, 11)), Multipart.CONTENT_TYPE);
		assertThat(overFileLimit.status()).as(overFileLimit.toString()).isEqualTo(413);
		GoldenJson.assertMatches("api/problem-413-upload.json", overFileLimit.json());

		Answer bomb = admin.send("POST", "/api/v1/assets", Multipart.file("bomb.png", "image/png",
				TestImages.pngClaiming(100_000, 100_000)), Multipart.CONTENT_TYPE);
		assertThat(bomb.status()).as(bomb.toString()).isEqualTo(400);
		GoldenJson.assertMatches("api/problem-400-image.json", bomb.json());

		Answer unreadable = admin.get("/api/v1/points-of-contact?q=%FF%FE");
		assertThat(unreadable.status()).as(unreadable.toString()).isEqualTo(400);
		GoldenJson.assertMatches("api/problem-400-unreadable-parameter.json", unreadable.json());
	}
}

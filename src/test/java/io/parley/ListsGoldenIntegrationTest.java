package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.HttpApi.Answer;
import io.parley.accounts.TestTenants;

import tools.jackson.databind.JsonNode;

/**
 * The audit lists and the point of contact list answer exactly as before the console and these modules were
 * reworked (issue 10): golden JSON recorded from the build before, compared as trees (see {@link GoldenJson}).
 * Everything happens in a tenant of its own, through the API, so the history holds only what this test did.
 */
@IntegrationTest
class ListsGoldenIntegrationTest {

	private static final String PASSWORD = "lists-golden-password";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants testTenants;

	@Test
	void auditAndPointOfContactListsAnswerAsRecorded() {
		String username = testTenants.tenantWithAdmin(PASSWORD);
		String suffix = username.substring(username.length() - 8);
		HttpApi api = HttpApi.basic(port, username, PASSWORD);
		Map<String, String> placeholders = Map.of(suffix, "<suffix>");

		String profile = created(api.post("/api/v1/chat-profiles",
				Map.of("name", "Golden profile", "interfaceVersion", "V2")));
		Map<String, Object> poc = new LinkedHashMap<>();
		poc.put("name", "Golden A");
		poc.put("skill", "sales");
		poc.put("allowedOrigins", List.of("https://shop.example.com"));
		String a = created(api.post("/api/v1/points-of-contact", poc));
		poc.put("name", "Golden B");
		poc.put("chatProfileId", profile);
		created(api.post("/api/v1/points-of-contact", poc));
		poc.put("name", "Golden A renamed");
		poc.put("active", false);
		assertThat(api.with("If-Match", "\"1\"").put("/api/v1/points-of-contact/" + a, poc).status()).isEqualTo(200);

		Map<String, String> answers = new LinkedHashMap<>();
		answers.put("audit-tenant", "/api/v1/audit");
		answers.put("audit-tenant-page-1", "/api/v1/audit?limit=2");
		answers.put("audit-tenant-filtered", "/api/v1/audit?entityType=POINT_OF_CONTACT&action=UPDATED&q=renamed");
		answers.put("audit-profile", "/api/v1/chat-profiles/" + profile + "/audit");
		answers.put("audit-poc", "/api/v1/points-of-contact/" + a + "/audit");
		answers.put("audit-poc-field", "/api/v1/points-of-contact/" + a + "/audit?field=name");
		answers.put("audit-poc-summary", "/api/v1/points-of-contact/" + a + "/audit/summary");
		answers.put("pocs", "/api/v1/points-of-contact");
		answers.put("pocs-page-1", "/api/v1/points-of-contact?limit=1");
		answers.put("pocs-of-profile", "/api/v1/points-of-contact?chatProfileId=" + profile);
		answers.put("pocs-search", "/api/v1/points-of-contact?q=renamed");
		answers.forEach((name, path) -> {
			Answer answer = api.get(path);
			assertThat(answer.status()).as(path + " " + answer).isEqualTo(200);
			GoldenJson.assertMatches("lists/" + name + ".json", answer.json(), placeholders);
		});

		JsonNode first = api.get("/api/v1/points-of-contact?limit=1").json();
		Answer second = api.get("/api/v1/points-of-contact?limit=1&cursor=" + first.at("/nextCursor").asString());
		GoldenJson.assertMatches("lists/pocs-page-2.json", second.json(), placeholders);
		JsonNode audit = api.get("/api/v1/audit?limit=2").json();
		Answer more = api.get("/api/v1/audit?limit=2&cursor=" + audit.at("/nextCursor").asString());
		GoldenJson.assertMatches("lists/audit-tenant-page-2.json", more.json(), placeholders);
	}

	private static String created(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		return answer.json().at("/id").asString();
	}
}

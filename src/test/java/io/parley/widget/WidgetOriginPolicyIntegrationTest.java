package io.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.contactpoints.Origin;

/**
 * One origin policy: the widget's config (its lean GET path and the full chain of a HEAD), the chat start and the
 * point of contact itself answer every variant of an origin (case, default port, trailing slash) as
 * {@link Origin#matches(String)} says.
 */
@IntegrationTest
class WidgetOriginPolicyIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void everyOriginCheckGivesTheSameAnswerAsOriginMatches() {
		Answer poc = HttpApi.admin(port).post("/api/v1/points-of-contact", Map.of("name", "Policy", "skill", "policy",
				"allowedOrigins", List.of("https://shop.example.com")));
		assertThat(poc.status()).as(poc.toString()).isEqualTo(201);
		String id = poc.json().at("/id").asString();
		Origin shop = Origin.of("https://shop.example.com");
		for (String header : List.of("https://shop.example.com", "HTTPS://Shop.Example.COM",
				"https://shop.example.com:443", "https://shop.example.com/", "http://shop.example.com",
				"https://evil.example.com")) {
			boolean allowed = shop.matches(header);
			HttpApi browser = HttpApi.anonymous(port).with("Origin", header);
			String config = "/widget/v1/points-of-contact/" + id + "/config";
			assertThat(browser.get(config).status()).as("GET config from %s", header).isEqualTo(allowed ? 200 : 403);
			assertThat(browser.send("HEAD", config, null, null).status()).as("HEAD config from %s", header)
				.isEqualTo(allowed ? 200 : 403);
			Answer start = browser.post("/widget/v1/points-of-contact/" + id + "/chats", Map.of());
			assertThat(start.status()).as("chat start from %s: %s", header, start).isEqualTo(allowed ? 201 : 403);
			if (allowed) {
				assertThat(start.header("Access-Control-Allow-Origin")).isEqualTo(header);
			}
		}
	}
}

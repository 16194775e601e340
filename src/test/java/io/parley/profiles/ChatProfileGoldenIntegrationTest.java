package io.parley.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.GoldenJson;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;
import io.parley.assets.Multipart;
import io.parley.assets.TestImages;

/**
 * The chat profile API answers exactly as the build before the settings schema did (golden files under
 * {@code src/test/resources/golden/profiles}, see {@link GoldenJson} for what is left out of the comparison).
 */
@IntegrationTest
class ChatProfileGoldenIntegrationTest {

	static final String PROFILES = "/api/v1/chat-profiles";
	static final String PASSWORD = "golden-profiles-password";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	HttpApi admin;

	@BeforeEach
	void setUp() {
		admin = HttpApi.basic(port, tenants.tenantWithAdmin(PASSWORD), PASSWORD);
	}

	@Test
	void v1ProfileWithLogoAnswersAsBefore() {
		Answer created = admin.post(PROFILES, v1Profile(asset()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		GoldenJson.assertMatches("profiles/v1-created.json", created.text());
		String id = created.json().at("/id").asString();
		GoldenJson.assertMatches("profiles/v1-read.json", admin.get(PROFILES + "/" + id).text());

		Map<String, Object> changed = v1Profile(created.json().at("/logoAssetId").asString());
		changed.put("description", "Changed");
		changed.put("appearance", json("primaryColor", "#FF0000", "fontSize", "HUGE", "buttonPosition", "BOTTOM_LEFT"));
		Answer updated = admin.with("If-Match", "\"1\"").put(PROFILES + "/" + id, changed);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		GoldenJson.assertMatches("profiles/v1-updated.json", updated.text());
	}

	@Test
	void v2ProfileWithEveryFieldTypeAndWaitingQueueAnswersAsBefore() {
		Answer created = admin.post(PROFILES, v2Profile(asset(), asset()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		GoldenJson.assertMatches("profiles/v2-created.json", created.text());
		String id = created.json().at("/id").asString();
		GoldenJson.assertMatches("profiles/v2-read.json", admin.get(PROFILES + "/" + id).text());

		Map<String, Object> changed = v2Profile(asset(), asset());
		changed.put("waitingQueue", json("enabled", false, "message", null));
		Answer updated = admin.with("If-Match", "\"1\"").put(PROFILES + "/" + id, changed);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		GoldenJson.assertMatches("profiles/v2-updated.json", updated.text());

		Answer copied = admin.post(PROFILES + "/" + id + "/copy", Map.of("name", "Copy of V2"));
		assertThat(copied.status()).as(copied.toString()).isEqualTo(201);
		GoldenJson.assertMatches("profiles/v2-copied.json", copied.text());
		// The audit history keeps every setting's path and value text as before (booleans, options as JSON, nulls).
		GoldenJson.assertMatches("profiles/v2-audit.json", admin.get(PROFILES + "/" + id + "/audit?limit=200").text());
	}

	@Test
	void listPagesAnswerAsBefore() {
		assertThat(admin.post(PROFILES, v1Profile(null)).status()).isEqualTo(201);
		assertThat(admin.post(PROFILES, v2Profile(null, null)).status()).isEqualTo(201);
		assertThat(admin.post(PROFILES, Map.of("name", "Defaults only", "interfaceVersion", "V2")).status())
			.isEqualTo(201);
		GoldenJson.assertMatches("profiles/list.json", admin.get(PROFILES).text());
		Answer first = admin.get(PROFILES + "?limit=2");
		GoldenJson.assertMatches("profiles/list-first-page.json", first.text());
		GoldenJson.assertMatches("profiles/list-second-page.json",
				admin.get(PROFILES + "?limit=2&cursor=" + first.json().at("/nextCursor").asString()).text());
	}

	@Test
	void aProfileWrongInSeveralFieldsAnswersOneProblemNamingThemAll() {
		Map<String, Object> wrong = json("name", " ", "interfaceVersion", "V1",
				"appearance", json("primaryColor", "#12", "agentBubbleTextColor", "blue", "fontFamily", "a;b",
						"buttonLabel", ""),
				"preChatForm", json("enabled", true, "fields", List.of(
						json("key", "1st", "label", "", "type", "SELECT", "options", List.of()),
						json("key", "email", "label", "Email", "type", "DATE", "maxLength", 5))),
				"waitingQueue", json("backgroundColor", "white"));
		Answer answer = admin.post(PROFILES, wrong);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		GoldenJson.assertMatches("profiles/problem-several-fields.json", answer.text());

		Answer coerced = admin.post(PROFILES, json("name", 5, "interfaceVersion", "V2"));
		assertThat(coerced.status()).as(coerced.toString()).isEqualTo(400);
		GoldenJson.assertMatches("profiles/problem-coerced-name.json", coerced.text());
	}

	private String asset() {
		Answer uploaded = admin.send("POST", "/api/v1/assets",
				Multipart.file("image.png", "image/png", TestImages.png(8, 8)), Multipart.CONTENT_TYPE);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		return uploaded.json().at("/id").asString();
	}

	static Map<String, Object> v1Profile(String logo) {
		return json("name", "Golden V1", "description", "A V1 profile with a logo", "interfaceVersion", "V1",
				"appearance", json("primaryColor", "#123456", "primaryTextColor", "#FEFEFE", "agentBubbleColor",
						"#EEEEEE", "agentBubbleTextColor", "#222222", "topBarColor", "#654321", "topBarTextColor",
						"#FFFFFF", "fontFamily", "\"Open Sans\", Arial, sans-serif", "fontSize", "SMALL",
						"headerTitle", "Golden help", "welcomeMessage", "Hello there", "buttonLabel", "Ask us",
						"buttonPosition", "BOTTOM_LEFT"),
				"logoAssetId", logo);
	}

	static Map<String, Object> v2Profile(String queueLogo, String hero) {
		List<Object> fields = List.of(
				json("key", "name", "label", "Your name", "type", "TEXT", "required", true, "maxLength", 80),
				json("key", "about", "label", "About", "type", "TEXTAREA", "maxLength", 2000),
				json("key", "email", "label", "Email", "type", "EMAIL", "required", true),
				json("key", "phone", "label", "Phone", "type", "PHONE", "required", false),
				json("key", "count", "label", "How many", "type", "NUMBER"),
				json("key", "day", "label", "Day", "type", "DATE"),
				json("key", "topic", "label", "Topic", "type", "SELECT", "options", List.of("Orders", "Returns \"now\"")),
				json("key", "agree", "label", "I agree", "type", "CHECKBOX", "required", true));
		return json("name", "Golden V2", "interfaceVersion", "V2",
				"appearance", json("headerTitle", "Golden V2 help", "welcomeMessage", ""),
				"preChatForm", json("enabled", true, "welcomeMessage", "Tell us about you", "fields", fields),
				"waitingQueue", json("enabled", true, "message", "Thanks for waiting", "backgroundColor", "#FAFAFA",
						"textColor", "#101010", "logoAssetId", queueLogo, "heroImageAssetId", hero,
						"showPosition", false, "showEstimatedWait", true));
	}

	/** A JSON object from alternating names and values, in that order; null values are sent as null. */
	static Map<String, Object> json(Object... namesAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return map;
	}
}

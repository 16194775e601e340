package io.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.GoldenJson;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.assets.TestImages;

/**
 * Every variant of the widget's public configuration answers exactly as the build before the settings schema did
 * (golden files under {@code src/test/resources/golden/widget}; see {@link GoldenJson} for what is left out).
 */
@IntegrationTest
class WidgetConfigGoldenIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	WidgetConfigs configs;

	WidgetFixtures fixtures;

	@Test
	void everyConfigVariantAnswersAsBefore() {
		fixtures = new WidgetFixtures(port);
		String noProfile = fixtures.pointOfContact(null, skill(), List.of());
		assertGolden("widget/no-profile.json", noProfile);

		String v1Defaults = fixtures.pointOfContact(fixtures.profile(Map.of("interfaceVersion", "V1")), skill(),
				List.of());
		assertGolden("widget/v1-defaults.json", v1Defaults);

		String v1 = fixtures.pointOfContact(fixtures.profile(WidgetFixtures.json("interfaceVersion", "V1",
				"appearance", WidgetFixtures.json("primaryColor", "#123456", "fontFamily", "\"Open Sans\", Arial",
						"fontSize", "HUGE", "headerTitle", "V1 help", "welcomeMessage", "", "buttonLabel", "Ask",
						"buttonPosition", "BOTTOM_LEFT"),
				"logoAssetId", fixtures.asset(TestImages.png(8, 8)))), skill(), List.of("https://shop.example.com"));
		assertGolden("widget/v1-logo.json", v1);

		Map<String, Object> v2 = fixtures.crossBrowserProfile();
		v2.put("preChatForm", WidgetFixtures.json("enabled", true, "welcomeMessage", "Who are you?", "fields", List.of(
				WidgetFixtures.json("key", "name", "label", "Your name", "type", "TEXT", "required", true,
						"maxLength", 80),
				WidgetFixtures.json("key", "about", "label", "About", "type", "TEXTAREA"),
				WidgetFixtures.json("key", "email", "label", "Email", "type", "EMAIL", "required", true),
				WidgetFixtures.json("key", "phone", "label", "Phone", "type", "PHONE"),
				WidgetFixtures.json("key", "count", "label", "How many", "type", "NUMBER", "maxLength", 3),
				WidgetFixtures.json("key", "day", "label", "Day", "type", "DATE"),
				WidgetFixtures.json("key", "topic", "label", "Topic", "type", "SELECT", "options",
						List.of("Orders", "Returns")),
				WidgetFixtures.json("key", "agree", "label", "I agree", "type", "CHECKBOX", "required", true))));
		v2.put("waitingQueue", WidgetFixtures.json("enabled", true, "message", "Thanks for waiting",
				"backgroundColor", "#FAFAFA", "textColor", "#101010",
				"logoAssetId", fixtures.asset(TestImages.png(8, 8)),
				"heroImageAssetId", fixtures.asset(TestImages.png(16, 8)), "showPosition", false));
		String v2Full = fixtures.pointOfContact(fixtures.profile(v2), skill(), List.of());
		assertGolden("widget/v2-form-queue.json", v2Full);
		WidgetConfigs.Resolved resolved = configs.resolve(UUID.fromString(v2Full), "http://localhost:" + port).orElseThrow();
		GoldenJson.assertMatches("widget/v2-form-queue-agents-available.json",
				new String(resolved.available().json(), StandardCharsets.UTF_8));

		String v2Off = fixtures.pointOfContact(fixtures.profile(WidgetFixtures.json("interfaceVersion", "V2",
				"preChatForm", WidgetFixtures.json("enabled", false, "fields", List.of()),
				"waitingQueue", WidgetFixtures.json("enabled", false))), skill(), List.of());
		assertGolden("widget/v2-form-and-queue-off.json", v2Off);

		Answer unknown = HttpApi.anonymous(port).get("/widget/v1/points-of-contact/" + UUID.randomUUID() + "/config");
		assertThat(unknown.status()).isEqualTo(404);
		GoldenJson.assertMatches("widget/unknown.json", unknown.text());
	}

	private void assertGolden(String name, String pointOfContact) {
		Answer answer = HttpApi.anonymous(port).get("/widget/v1/points-of-contact/" + pointOfContact + "/config");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		GoldenJson.assertMatches(name, answer.text());
	}

	private static String skill() {
		return "golden-" + UUID.randomUUID().toString().substring(0, 8);
	}

}

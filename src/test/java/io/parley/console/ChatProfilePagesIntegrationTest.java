package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import io.parley.GoldenJson;
import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;
import io.parley.assets.TestImages;
import tools.jackson.databind.JsonNode;

/**
 * The chat profile pages of the console, through the real security chain on the running application: the list,
 * the editor with its builder, validation next to fields, conflicting saves, images, copy and delete.
 */
@IntegrationTest
class ChatProfilePagesIntegrationTest {

	static final String PASSWORD = "console-profiles-password";

	@Autowired
	WebApplicationContext context;

	@Autowired
	UserDetailsService users;

	@Autowired
	TestTenants tenants;

	@LocalServerPort
	int port;

	MockMvc mvc;
	String admin;
	RequestPostProcessor signedIn;
	HttpApi api;

	@BeforeEach
	void setUp() {
		mvc = ConsoleMvc.of(context);
		admin = tenants.tenantWithAdmin(PASSWORD);
		signedIn = ConsoleMvc.as(users, admin);
		api = HttpApi.basic(port, admin, PASSWORD);
	}

	@Test
	void listsProfilesWithVersionAndPointsOfContactAndSearchesByName() throws Exception {
		String sales = create(fields("name", "Sales chat", "interfaceVersion", "V2"));
		create(fields("name", "Support chat", "interfaceVersion", "V1"));
		api.post("/api/v1/points-of-contact", Map.of("name", "Shop", "skill", "sales", "chatProfileId", sales));
		api.post("/api/v1/points-of-contact", Map.of("name", "Checkout", "skill", "sales", "chatProfileId", sales));

		String page = page(get("/console/chat-profiles"));
		assertThat(page).contains("Sales chat", "Support chat", ">V1<", ">V2<", "<th scope=\"col\">Name</th>");
		assertThat(page).containsPattern("(?s)Sales chat.*?<td class=\"num\"><a[^>]*>2</a>");

		String found = page(get("/console/chat-profiles").param("q", "sUpP"));
		assertThat(found).contains("Support chat").doesNotContain("Sales chat");
		assertThat(ConsoleMvc.hasNoInlineScript(page)).isTrue();
	}

	@Test
	void createsAV2ProfileWithAPreChatForm() throws Exception {
		MvcResult result = mvc.perform(post("/console/chat-profiles").with(signedIn).with(csrf())
			.params(form(fields("name", "Guided", "interfaceVersion", "V2", "appearance.primaryColor", "#123456",
					"preChatForm.enabled", "true", "preChatForm.fields[0].key", "email",
					"preChatForm.fields[0].label", "Your email", "preChatForm.fields[0].type", "EMAIL",
					"preChatForm.fields[0].required", "true", "preChatForm.fields[1].key", "topic",
					"preChatForm.fields[1].label", "Topic", "preChatForm.fields[1].type", "SELECT",
					"preChatForm.fields[1].options", "Billing\r\nOrders\r\n"))))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(302);
		UUID id = ConsoleMvc.idIn(result.getResponse().getRedirectedUrl(), "/console/chat-profiles/");

		JsonNode saved = api.get("/api/v1/chat-profiles/" + id).json();
		assertThat(saved.at("/appearance/primaryColor").asString()).isEqualTo("#123456");
		assertThat(saved.at("/preChatForm/fields/0/label").asString()).isEqualTo("Your email");
		assertThat(saved.at("/preChatForm/fields/0/required").asBoolean()).isTrue();
		assertThat(saved.at("/preChatForm/fields/1/options").valueStream().map(JsonNode::asString))
			.containsExactly("Billing", "Orders");
		assertThat(saved.at("/waitingQueue").isNull()).isTrue();

		String editor = page(get("/console/chat-profiles/" + id));
		assertThat(editor).contains("value=\"Your email\"", "Billing\nOrders", "Guided")
			.contains("<label for=\"f-appearance-primaryColor\">Primary color</label>");
	}

	@Test
	void warnsWhereAColourPairFailsWcagAa() throws Exception {
		String id = create(fields("name", "Sunny", "interfaceVersion", "V2", "appearance.primaryColor", "#FFD400",
				"appearance.primaryTextColor", "#FFFFFF"));
		String editor = page(get("/console/chat-profiles/" + id));
		assertThat(editor).containsPattern("id=\"f-appearance-primaryTextColor-contrast\" data-contrast-warning>Low contrast \\(1\\.[0-9]:1\\)")
			.containsPattern("id=\"f-appearance-topBarTextColor-contrast\"[^>]*hidden=\"hidden\"");
	}

	@Test
	void refusesAPostWithoutCsrfToken() throws Exception {
		int status = mvc.perform(post("/console/chat-profiles").with(signedIn).param("name", "No token"))
			.andReturn().getResponse().getStatus();
		assertThat(status).isEqualTo(403);
		assertThat(api.get("/api/v1/chat-profiles?q=No%20token").json().at("/items").size()).isZero();
	}

	@Test
	void showsValidationErrorsNextToTheirFieldsAndKeepsTheInput() throws Exception {
		MvcResult result = mvc.perform(post("/console/chat-profiles").with(signedIn).with(csrf())
			.params(form(fields("name", "Broken", "interfaceVersion", "V2", "appearance.primaryColor", "red",
					"preChatForm.enabled", "true", "preChatForm.fields[0].key", "topic",
					"preChatForm.fields[0].label", "Topic", "preChatForm.fields[0].type", "SELECT"))))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		String page = result.getResponse().getContentAsString();
		assertThat(page).containsPattern("id=\"f-appearance-primaryColor\"[^>]*value=\"red\"")
			.containsPattern("id=\"f-appearance-primaryColor-error\">[^<]*#RRGGBB")
			.containsPattern("id=\"f-preChatForm-fields-0-options-error\">[^<]*needs at least one option")
			.contains("href=\"#f-appearance-primaryColor\"", "Appearance › Primary color", "Pre-chat form › Field 1 › Options");
		assertThat(api.get("/api/v1/chat-profiles?q=Broken").json().at("/items").size()).isZero();
	}

	@Test
	void builderAddsRemovesAndReordersFieldsWithoutSaving() throws Exception {
		Map<String, String> two = fields("name", "Builder", "interfaceVersion", "V2", "preChatForm.fields[0].key", "a",
				"preChatForm.fields[0].label", "First", "preChatForm.fields[1].key", "b",
				"preChatForm.fields[1].label", "Second");
		String added = page(post("/console/chat-profiles").with(csrf()).params(form(two)).param("op", "add-field"));
		assertThat(added).contains("name=\"preChatForm.fields[2].label\"", "value=\"field3\"")
			.containsPattern("id=\"f-preChatForm-fields-2-label\"[^>]*autofocus");

		String moved = page(post("/console/chat-profiles").with(csrf()).params(form(two)).param("op", "down-0"));
		assertThat(moved.indexOf("value=\"Second\"")).isLessThan(moved.indexOf("value=\"First\""));

		String removed = page(post("/console/chat-profiles").with(csrf()).params(form(two)).param("op", "remove-field-0"));
		assertThat(removed).contains("value=\"Second\"").doesNotContain("value=\"First\"");
		assertThat(api.get("/api/v1/chat-profiles?q=Builder").json().at("/items").size()).isZero();
	}

	@Test
	void aConflictingSaveSaysWhoSavedFirstAndKeepsYourEdits() throws Exception {
		String id = create(fields("name", "Contested", "interfaceVersion", "V2"));
		JsonNode original = api.get("/api/v1/chat-profiles/" + id).json();
		((tools.jackson.databind.node.ObjectNode) original.get("appearance")).put("headerTitle", "Theirs");
		assertThat(api.put("/api/v1/chat-profiles/" + id, original).status()).isEqualTo(200);

		MvcResult result = mvc.perform(post("/console/chat-profiles/" + id).with(signedIn).with(csrf())
			.params(form(fields("version", "1", "name", "Contested", "interfaceVersion", "V2",
					"appearance.headerTitle", "Mine"))))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(412);
		String page = result.getResponse().getContentAsString();
		assertThat(page).contains("Someone else saved this profile", "value=\"Mine\"", "name=\"version\" value=\"2\"")
			.containsPattern("(?s)Header title</th>\\s*<td class=\"value\">Theirs</td>\\s*<td class=\"value\">Mine</td>");

		// A second Save, now based on their version, replaces it.
		mvc.perform(post("/console/chat-profiles/" + id).with(signedIn).with(csrf())
			.params(form(fields("version", "2", "name", "Contested", "interfaceVersion", "V2",
					"appearance.headerTitle", "Mine"))));
		assertThat(api.get("/api/v1/chat-profiles/" + id).json().at("/appearance/headerTitle").asString()).isEqualTo("Mine");
	}

	@Test
	void switchingToV1DropsThePreChatFormAsExplained() throws Exception {
		String id = create(fields("name", "Switcher", "interfaceVersion", "V2", "preChatForm.enabled", "true",
				"preChatForm.fields[0].key", "email", "preChatForm.fields[0].label", "Email",
				"preChatForm.fields[0].type", "EMAIL"));
		String editor = page(get("/console/chat-profiles/" + id));
		assertThat(editor).contains("id=\"version-drop\"", "Saving will drop");

		mvc.perform(post("/console/chat-profiles/" + id).with(signedIn).with(csrf())
			.params(form(fields("version", "1", "name", "Switcher", "interfaceVersion", "V1", "preChatForm.enabled",
					"true", "preChatForm.fields[0].key", "email", "preChatForm.fields[0].label", "Email"))));
		JsonNode saved = api.get("/api/v1/chat-profiles/" + id).json();
		assertThat(saved.at("/interfaceVersion").asString()).isEqualTo("V1");
		assertThat(saved.at("/preChatForm").isNull()).isTrue();
	}

	@Test
	void uploadsImagesWithTheFormAndRefusesWhatIsNotAnImage() throws Exception {
		MvcResult result = mvc.perform(multipart("/console/chat-profiles")
			.file(new MockMultipartFile("logoFile", "logo.png", "image/png", TestImages.png(40, 20)))
			.params(form(fields("name", "With logo", "interfaceVersion", "V1")))
			.with(signedIn).with(csrf()))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(302);
		UUID id = ConsoleMvc.idIn(result.getResponse().getRedirectedUrl(), "/console/chat-profiles/");
		String logo = api.get("/api/v1/chat-profiles/" + id).json().at("/logoAssetId").asString();
		assertThat(page(get("/console/chat-profiles/" + id))).contains("src=\"/assets/" + logo + "\"");

		MvcResult refused = mvc.perform(multipart("/console/chat-profiles")
			.file(new MockMultipartFile("logoFile", "logo.png", "image/png", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes()))
			.params(form(fields("name", "With svg", "interfaceVersion", "V1")))
			.with(signedIn).with(csrf()))
			.andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		assertThat(refused.getResponse().getContentAsString()).containsPattern("id=\"f-logoAssetId-error\"[^>]*>[^<]*\\S");

		MvcResult json = mvc.perform(multipart("/console/assets")
			.file(new MockMultipartFile("file", "x.gif", "image/gif", TestImages.gif(8, 8)))
			.with(signedIn).with(csrf()))
			.andReturn();
		assertThat(json.getResponse().getStatus()).isEqualTo(201);
		assertThat(json.getResponse().getContentAsString()).contains("\"url\":\"/assets/");
	}

	@Test
	void copiesAndDeletesButRefusesToDeleteWhileAssigned() throws Exception {
		String id = create(fields("name", "Original", "interfaceVersion", "V2", "appearance.primaryColor", "#654321"));
		MvcResult copied = mvc.perform(post("/console/chat-profiles/" + id + "/copy").with(signedIn).with(csrf())
			.param("name", "Duplicate")).andReturn();
		UUID copy = ConsoleMvc.idIn(copied.getResponse().getRedirectedUrl(), "/console/chat-profiles/");
		assertThat(api.get("/api/v1/chat-profiles/" + copy).json().at("/appearance/primaryColor").asString())
			.isEqualTo("#654321");
		String taken = mvc.perform(post("/console/chat-profiles/" + id + "/copy").with(signedIn).with(csrf())
			.param("name", "duplicate")).andReturn().getResponse().getContentAsString();
		assertThat(taken).containsPattern("id=\"f-name-error\">[^<]*already exists");

		api.post("/api/v1/points-of-contact", Map.of("name", "Front desk", "skill", "desk", "chatProfileId", id));
		assertThat(page(get("/console/chat-profiles/" + id + "/delete"))).contains("still serves", "Front desk")
			.doesNotContain("Delete chat profile</button>");
		MvcResult refused = mvc.perform(post("/console/chat-profiles/" + id + "/delete").with(signedIn).with(csrf()))
			.andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(409);
		assertThat(refused.getResponse().getContentAsString()).contains("was not deleted", "Front desk");

		MvcResult deleted = mvc.perform(post("/console/chat-profiles/" + copy + "/delete").with(signedIn).with(csrf()))
			.andReturn();
		assertThat(deleted.getResponse().getRedirectedUrl()).isEqualTo("/console/chat-profiles");
		assertThat(api.get("/api/v1/chat-profiles/" + copy).status()).isEqualTo(404);
	}

	@Test
	void showsWhatUsersTypedAsTextAndSendsAStrictContentSecurityPolicy() throws Exception {
		String id = create(fields("name", "<img src=x onerror=alert(1)>", "interfaceVersion", "V2",
				"appearance.headerTitle", "\"><script>alert(2)</script>"));
		MvcResult result = mvc.perform(get("/console/chat-profiles/" + id).with(signedIn)).andReturn();
		String page = result.getResponse().getContentAsString();
		assertThat(page).doesNotContain("<img src=x", "<script>alert(2)").contains("&lt;img src=x onerror=alert(1)&gt;");
		assertThat(ConsoleMvc.hasNoInlineScript(page)).isTrue();
		String policy = result.getResponse().getHeader("Content-Security-Policy");
		assertThat(policy).contains("script-src 'self'", "style-src 'self'").doesNotContain("unsafe-inline");
	}

	@Test
	void previewAnswersTheWidgetConfigurationOfTheUnsavedForm() throws Exception {
		MvcResult preview = mvc.perform(post("/console/chat-profiles/preview").with(signedIn).with(csrf())
			.params(form(fields("name", "Unsaved", "interfaceVersion", "V2", "appearance.headerTitle", "Not saved yet",
					"appearance.primaryColor", "#102030", "preChatForm.enabled", "true", "preChatForm.fields[0].key",
					"email", "preChatForm.fields[0].label", "Email", "preChatForm.fields[0].type", "EMAIL"))))
			.andReturn();
		assertThat(preview.getResponse().getStatus()).isEqualTo(200);
		JsonNode config = HttpApi.JSON.readTree(preview.getResponse().getContentAsString());
		assertThat(config.at("/interfaceVersion").asString()).isEqualTo("V2");
		assertThat(config.at("/appearance/headerTitle").asString()).isEqualTo("Not saved yet");
		assertThat(config.at("/appearance/primaryColor").asString()).isEqualTo("#102030");
		assertThat(config.at("/preChatForm/fields/0/type").asString()).isEqualTo("EMAIL");
		assertThat(api.get("/api/v1/chat-profiles?q=Unsaved").json().at("/items").size()).as("nothing saved").isZero();

		MvcResult invalid = mvc.perform(post("/console/chat-profiles/preview").with(signedIn).with(csrf())
			.params(form(fields("name", "Unsaved", "interfaceVersion", "V2", "appearance.primaryColor", "#12"))))
			.andReturn();
		assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
		assertThat(invalid.getResponse().getContentAsString()).contains("\"field\":\"appearance.primaryColor\"");
		assertThat(mvc.perform(post("/console/chat-profiles/preview").with(signedIn).param("name", "x")).andReturn()
			.getResponse().getStatus()).isEqualTo(403);

		String editor = page(get("/console/chat-profiles/new"));
		assertThat(editor).contains("data-preview-frame", "/console/js/preview.js", "/widget/window.js", "/widget/loader.js");
		assertThat(editor).as("the offset inputs, labelled from messages.properties").contains(
				"name=\"appearance.buttonOffset.x\"", "value=\"20\"", ">Distance from the side (px)</label>",
				">Distance from the top or bottom (px)</label>");
	}

	/** The live preview answers as the build before the settings schema did (golden files, see GoldenJson). */
	@Test
	void previewAnswersAsTheBuildBeforeTheSettingsSchema() throws Exception {
		assertPreview(200, "widget/preview-v1.json", fields(
				"interfaceVersion", "V1", "appearance.primaryColor", "#102030", "appearance.fontSize", "SMALL",
				"appearance.headerTitle", "Unsaved", "appearance.welcomeMessage", "Hello",
				"appearance.buttonLabel", "Chat", "appearance.buttonPosition", "BOTTOM_LEFT",
				"preChatForm.enabled", "true", "preChatForm.fields[0].key", "dropped",
				"preChatForm.fields[0].label", "Dropped", "waitingQueue.enabled", "true"));
		assertPreview(200, "widget/preview-v2.json", fields(
				"interfaceVersion", "V2", "appearance.headerTitle", "Not saved yet",
				"preChatForm.enabled", "true", "preChatForm.welcomeMessage", "Hi",
				"preChatForm.fields[0].key", "email", "preChatForm.fields[0].label", "Email",
				"preChatForm.fields[0].type", "EMAIL", "preChatForm.fields[0].required", "true",
				"preChatForm.fields[0].maxLength", "120",
				"preChatForm.fields[1].key", "topic", "preChatForm.fields[1].label", "Topic",
				"preChatForm.fields[1].type", "SELECT", "preChatForm.fields[1].options", "Orders\nReturns",
				"waitingQueue.enabled", "true", "waitingQueue.message", "Wait", "waitingQueue.showPosition", "true",
				"logoAssetId", ""));
		assertPreview(400, "widget/preview-invalid.json", fields(
				"interfaceVersion", "V2", "appearance.primaryColor", "#12", "appearance.buttonLabel", "",
				"preChatForm.enabled", "true", "preChatForm.fields[0].key", "1x",
				"preChatForm.fields[0].label", "", "preChatForm.fields[0].maxLength", "many"));
	}

	private void assertPreview(int status, String golden, Map<String, String> fields) throws Exception {
		MvcResult result = mvc.perform(post("/console/chat-profiles/preview").with(signedIn).with(csrf())
			.params(form(fields))).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
		GoldenJson.assertMatches(golden, result.getResponse().getContentAsString());
	}

	@Test
	void unknownAndForeignProfilesAreNotFound() throws Exception {
		assertThat(mvc.perform(get("/console/chat-profiles/" + UUID.randomUUID()).with(signedIn)).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/console/chat-profiles/not-an-id").with(signedIn)).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		String other = tenants.tenantWithAdmin(PASSWORD);
		String theirs = HttpApi.basic(port, other, PASSWORD)
			.post("/api/v1/chat-profiles", Map.of("name", "Theirs", "interfaceVersion", "V1"))
			.json().at("/id").asString();
		assertThat(mvc.perform(get("/console/chat-profiles/" + theirs).with(signedIn)).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
	}

	private String create(Map<String, String> fields) throws Exception {
		MvcResult result = mvc.perform(post("/console/chat-profiles").with(signedIn).with(csrf()).params(form(fields)))
			.andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(302);
		return ConsoleMvc.idIn(result.getResponse().getRedirectedUrl(), "/console/chat-profiles/").toString();
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request.with(signedIn)).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	static Map<String, String> fields(String... pairs) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.put(pairs[i], pairs[i + 1]);
		}
		return fields;
	}

	static org.springframework.util.MultiValueMap<String, String> form(Map<String, String> fields) {
		org.springframework.util.LinkedMultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
		fields.forEach((k, v) -> form.put(k, List.of(v)));
		return form;
	}
}

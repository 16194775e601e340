package io.parley.console;

import static io.parley.console.ChatProfilePagesIntegrationTest.fields;
import static io.parley.console.ChatProfilePagesIntegrationTest.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;

/**
 * The point of contact pages and a profile's Points of contact tab: creating and editing points of contact,
 * assigning a profile from either side, and the embed snippet.
 */
@IntegrationTest
class PointOfContactPagesIntegrationTest {

	static final String PASSWORD = "console-pocs-password";

	@Autowired
	WebApplicationContext context;

	@Autowired
	UserDetailsService users;

	@Autowired
	TestTenants tenants;

	@LocalServerPort
	int port;

	MockMvc mvc;
	RequestPostProcessor signedIn;
	HttpApi api;

	@BeforeEach
	void setUp() {
		mvc = ConsoleMvc.of(context);
		String admin = tenants.tenantWithAdmin(PASSWORD);
		signedIn = ConsoleMvc.as(users, admin);
		api = HttpApi.basic(port, admin, PASSWORD);
	}

	@Test
	void createsAPointOfContactAndShowsItsEmbedSnippet() throws Exception {
		String profile = profile("Shop look");
		MvcResult created = mvc.perform(post("/console/points-of-contact").with(signedIn).with(csrf())
			.params(form(fields("name", "Shop", "skill", "sales", "active", "true", "_active", "on", "allowedOrigins",
					"https://shop.example.com\r\nhttps://pay.example.com:8443\r\n", "chatProfileId", profile))))
			.andReturn();
		assertThat(created.getResponse().getStatus()).isEqualTo(302);
		String id = ConsoleMvc.idIn(created.getResponse().getRedirectedUrl(), "/console/points-of-contact/").toString();
		var saved = api.get("/api/v1/points-of-contact/" + id).json();
		assertThat(saved.at("/allowedOrigins").valueStream().map(n -> n.asString()))
			.containsExactly("https://shop.example.com", "https://pay.example.com:8443");
		assertThat(saved.at("/chatProfileId").asString()).isEqualTo(profile);

		String page = page(get("/console/points-of-contact/" + id));
		assertThat(page).contains("&lt;script src=&quot;http://localhost/widget/loader.js&quot; data-poc=&quot;" + id
				+ "&quot; async&gt;&lt;/script&gt;", "data-copy=\"embed-snippet\"", "<label for=\"f-chatProfileId\">Chat profile</label>");
		assertThat(ConsoleMvc.hasNoInlineScript(page)).isTrue();

		String list = page(get("/console/points-of-contact"));
		assertThat(list).contains("Shop", "Shop look", "https://shop.example.com and 1 more");
	}

	@Test
	void showsInvalidSkillAndOriginNextToTheirFields() throws Exception {
		MvcResult result = mvc.perform(post("/console/points-of-contact").with(signedIn).with(csrf())
			.params(form(fields("name", "Broken", "skill", "Sales Team", "allowedOrigins",
					"https://ok.example.com\nnot a url"))))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		String page = result.getResponse().getContentAsString();
		assertThat(page).containsPattern("id=\"f-skill-error\">[^<]*lower-case")
			.containsPattern("id=\"f-allowedOrigins-error\">item 2:")
			.contains("not a url", "value=\"Sales Team\"");
	}

	@Test
	void assignsAndUnassignsFromThePointOfContactSide() throws Exception {
		String profile = profile("Side look");
		String id = poc("Side", null);
		save(id, 1, profile);
		assertThat(api.get("/api/v1/points-of-contact/" + id).json().at("/chatProfileId").asString()).isEqualTo(profile);
		assertThat(page(get("/console/points-of-contact/" + id))).containsPattern("<option value=\"" + profile + "\"[^>]*selected");
		save(id, 2, "");
		assertThat(api.get("/api/v1/points-of-contact/" + id).json().at("/chatProfileId").isNull()).isTrue();
	}

	@Test
	void assignsFromTheProfileSideOneByOneAndAll() throws Exception {
		String mine = profile("Mine");
		String theirs = profile("Theirs");
		String moved = poc("Moved", theirs);
		String inactive = api.post("/api/v1/points-of-contact", Map.of("name", "Sleeping", "skill", "s", "active", false))
			.json().at("/id").asString();
		String free = poc("Free", null);

		String tab = page(get("/console/chat-profiles/" + mine + "/points-of-contact"));
		assertThat(tab).contains("No point of contact shows this profile yet").containsPattern("(?s)Moved.*?Theirs");

		redirectOf(post("/console/chat-profiles/" + mine + "/points-of-contact/add").param("pointOfContactId", moved)
			.param("version", "1"));
		assertThat(chatProfileOf(moved)).isEqualTo(mine);

		// a stale Add (the page showed version 1 of Free, someone changed it since) changes nothing
		api.put("/api/v1/points-of-contact/" + free + "/chat-profile", Map.of("chatProfileId", theirs));
		MvcResult stale = mvc.perform(post("/console/chat-profiles/" + mine + "/points-of-contact/add").with(signedIn)
			.with(csrf()).param("pointOfContactId", free).param("version", "1")).andReturn();
		assertThat(stale.getFlashMap().get("problem")).asString().contains("Nothing was changed");
		assertThat(chatProfileOf(free)).isEqualTo(theirs);

		redirectOf(post("/console/chat-profiles/" + mine + "/points-of-contact/add-all"));
		assertThat(chatProfileOf(free)).isEqualTo(mine);
		assertThat(api.get("/api/v1/points-of-contact/" + inactive).json().at("/chatProfileId").isNull()).isTrue();

		redirectOf(post("/console/chat-profiles/" + mine + "/points-of-contact/remove").param("pointOfContactId", moved)
			.param("version", "2"));
		assertThat(api.get("/api/v1/points-of-contact/" + moved).json().at("/chatProfileId").isNull()).isTrue();

		redirectOf(post("/console/chat-profiles/" + mine + "/points-of-contact/remove-all"));
		assertThat(api.get("/api/v1/chat-profiles/" + mine + "/points-of-contact").json().at("/items").size()).isZero();
	}

	@Test
	void refusesWithoutCsrfTokenAndToAgents() throws Exception {
		String profile = profile("Guarded");
		String id = poc("Guarded", null);
		assertThat(mvc.perform(post("/console/chat-profiles/" + profile + "/points-of-contact/add").with(signedIn)
			.param("pointOfContactId", id)).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(chatProfileOf(id)).isNull();

		String agent = "agent-" + System.nanoTime();
		api.post("/api/v1/users", Map.of("username", agent, "displayName", "Agent", "password", "agent-password",
				"roles", List.of("AGENT")));
		RequestPostProcessor asAgent = ConsoleMvc.as(users, agent);
		assertThat(mvc.perform(get("/console/points-of-contact").with(asAgent)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(mvc.perform(get("/console/chat-profiles").with(asAgent)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
	}

	@Test
	void deletesAPointOfContact() throws Exception {
		String id = poc("Doomed", null);
		assertThat(page(get("/console/points-of-contact/" + id + "/delete"))).contains("Delete point of contact");
		redirectOf(post("/console/points-of-contact/" + id + "/delete").param("version", "1"));
		assertThat(api.get("/api/v1/points-of-contact/" + id).status()).isEqualTo(404);
	}

	private String profile(String name) {
		return api.post("/api/v1/chat-profiles", Map.of("name", name, "interfaceVersion", "V2")).json().at("/id").asString();
	}

	@Test
	void aStaleSaveShowsTheirVersionBesideYourEdits() throws Exception {
		String id = changedPoc("Desk");
		MvcResult stale = mvc.perform(post("/console/points-of-contact/" + id).with(signedIn).with(csrf())
			.params(form(fields("name", "Desk (mine)", "skill", "sales", "version", "1")))).andReturn();
		assertThat(stale.getResponse().getStatus()).isEqualTo(412);
		String page = stale.getResponse().getContentAsString();
		assertThat(page).contains("id=\"conflict\"", "value=\"Desk (mine)\"", "name=\"version\" value=\"2\"");

		MvcResult invalid = mvc.perform(post("/console/points-of-contact/" + id).with(signedIn).with(csrf())
			.params(form(fields("name", "Desk", "skill", "Not A Skill", "version", "2")))).andReturn();
		assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
		assertThat(invalid.getResponse().getContentAsString()).contains("id=\"f-skill-error\"").doesNotContain("id=\"conflict\"");
	}


	@Test
	void aStaleDeleteRedirectsWithAProblem() throws Exception {
		String id = changedPoc("Gone desk");
		MvcResult refused = mvc.perform(post("/console/points-of-contact/" + id + "/delete").param("version", "1")
			.with(signedIn).with(csrf())).andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(302);
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/console/points-of-contact/" + id);
		assertThat((String) refused.getFlashMap().get("problem")).startsWith("Nothing was deleted");
		assertThat(refused.getFlashMap().containsKey("notice")).isFalse();
		assertThat(api.get("/api/v1/points-of-contact/" + id).status()).isEqualTo(200);
	}


	@Test
	void aBadCursorIsABadRequestPageAndAnUnknownIdNotFound() throws Exception {
		MvcResult cursor = mvc.perform(get("/console/points-of-contact").param("cursor", "garbage").with(signedIn))
			.andReturn();
		assertThat(cursor.getResponse().getStatus()).isEqualTo(400);
		assertThat(cursor.getResponse().getContentAsString()).contains("That request could not be read", "cursor");
		MvcResult unknown = mvc.perform(get("/console/points-of-contact/not-an-id").with(signedIn)).andReturn();
		assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
		assertThat(unknown.getResponse().getContentAsString()).contains("Not found");
	}

	/** A point of contact that someone changed after its first version. */
	String changedPoc(String name) {
		HttpApi.Answer created = api.post("/api/v1/points-of-contact", Map.of("name", name, "skill", "sales"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(api.with("If-Match", "\"1\"").put("/api/v1/points-of-contact/" + created.json().at("/id").asString(),
				Map.of("name", name + " (theirs)", "skill", "sales")).status()).isEqualTo(200);
		return created.json().at("/id").asString();
	}

	private String poc(String name, String profile) {
		Map<String, Object> body = profile == null ? Map.of("name", name, "skill", "sales")
				: Map.of("name", name, "skill", "sales", "chatProfileId", profile);
		return api.post("/api/v1/points-of-contact", body).json().at("/id").asString();
	}

	private String chatProfileOf(String poc) {
		var id = api.get("/api/v1/points-of-contact/" + poc).json().at("/chatProfileId");
		return id.isNull() ? null : id.asString();
	}

	private void save(String id, int version, String profile) throws Exception {
		redirectOf(post("/console/points-of-contact/" + id).params(form(fields("version", String.valueOf(version),
				"name", "Side", "skill", "sales", "active", "true", "chatProfileId", profile))));
	}

	private String redirectOf(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request.with(signedIn).with(csrf())).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(302);
		assertThat(result.getFlashMap().get("problem")).isNull();
		return result.getResponse().getRedirectedUrl();
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request.with(signedIn)).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}
}

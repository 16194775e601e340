package io.parley.console;

import static io.parley.console.ChatProfilePagesIntegrationTest.fields;
import static io.parley.console.ChatProfilePagesIntegrationTest.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;

/**
 * What the modules refuse, as console pages show it through {@link ConsoleAdvice}: a form page registered how to show
 * a refusal and shows it with the refusal's status, a redirecting page says it in a flash message, other pages get a
 * page of their own.
 */
@IntegrationTest
class ConsoleRefusalsIntegrationTest {

	static final String PASSWORD = "console-refusals-password";

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

	String poc(String name) {
		HttpApi.Answer created = api.post("/api/v1/points-of-contact", Map.of("name", name, "skill", "sales"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(api.with("If-Match", "\"1\"").put("/api/v1/points-of-contact/" + created.json().at("/id").asString(),
				Map.of("name", name + " (theirs)", "skill", "sales")).status()).isEqualTo(200);
		return created.json().at("/id").asString();
	}

	@Test
	void aStaleSaveShowsTheirVersionBesideYourEdits() throws Exception {
		String id = poc("Desk");
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
		String id = poc("Gone desk");
		MvcResult refused = mvc.perform(post("/console/points-of-contact/" + id + "/delete").param("version", "1")
			.with(signedIn).with(csrf())).andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(302);
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/console/points-of-contact/" + id);
		assertThat((String) refused.getFlashMap().get("problem")).startsWith("Nothing was deleted");
		assertThat(refused.getFlashMap().containsKey("notice")).isFalse();
		assertThat(api.get("/api/v1/points-of-contact/" + id).status()).isEqualTo(200);
	}

	@Test
	void anApiTokenWithoutANameIsRefusedNextToTheField() throws Exception {
		MvcResult refused = mvc.perform(post("/console/api-tokens").param("name", "").with(signedIn).with(csrf()))
			.andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		assertThat(refused.getResponse().getContentAsString()).contains("has-error").doesNotContain("created-title");
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
}

package io.parley.console;

import static io.parley.console.ChatProfilePagesIntegrationTest.fields;
import static io.parley.console.ChatProfilePagesIntegrationTest.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import tools.jackson.databind.JsonNode;

/** The user pages (create, edit, reset a password, disable) and the signed-in user's API tokens. */
@IntegrationTest
class UserPagesIntegrationTest {

	static final String PASSWORD = "console-users-password";

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
	void createsAnAgentWithSkillsAndCapacityThenResetsTheirPasswordAndDisablesThem() throws Exception {
		String username = "agent-" + System.nanoTime();
		MvcResult created = mvc.perform(post("/console/users").with(signedIn).with(csrf())
			.params(form(fields("username", username, "displayName", "Ada Agent", "password", "first-password",
					"agent", "true", "_agent", "on", "_admin", "on", "skills", "sales, support", "maxConcurrentChats", "4",
					"enabled", "true", "_enabled", "on"))))
			.andReturn();
		assertThat(created.getResponse().getStatus()).isEqualTo(302);
		String id = ConsoleMvc.idIn(created.getResponse().getRedirectedUrl(), "/console/users/").toString();
		JsonNode user = api.get("/api/v1/users/" + id).json();
		assertThat(user.at("/roles").valueStream().map(JsonNode::asString)).containsExactly("AGENT");
		assertThat(user.at("/skills").valueStream().map(JsonNode::asString)).containsExactly("sales", "support");
		assertThat(user.at("/maxConcurrentChats").asInt()).isEqualTo(4);
		assertThat(HttpApi.basic(port, username, "first-password").get("/api/v1/agent/chats").status()).isNotEqualTo(401);

		String list = page("/console/users");
		assertThat(list).contains("Ada Agent", username, "sales, support");

		mvc.perform(post("/console/users/" + id + "/password").with(signedIn).with(csrf()).param("password",
				"second-password")).andReturn();
		assertThat(HttpApi.basic(port, username, "first-password").get("/api/v1/agent/chats").status()).isEqualTo(401);
		assertThat(HttpApi.basic(port, username, "second-password").get("/api/v1/agent/chats").status()).isNotEqualTo(401);

		mvc.perform(post("/console/users/" + id + "/enabled").with(signedIn).with(csrf()).param("enabled", "false"))
			.andReturn();
		assertThat(api.get("/api/v1/users/" + id).json().at("/enabled").asBoolean()).isFalse();
		assertThat(HttpApi.basic(port, username, "second-password").get("/api/v1/agent/chats").status()).isEqualTo(401);
		assertThat(page("/console/users/" + id)).contains("Enable user", "Disabled");
	}

	@Test
	void showsWhatIsWrongNextToTheFieldsAndRefusesToDisableTheLastAdmin() throws Exception {
		MvcResult invalid = mvc.perform(post("/console/users").with(signedIn).with(csrf())
			.params(form(fields("username", "bad name", "displayName", "X", "password", "short", "_admin", "on",
					"_agent", "on", "maxConcurrentChats", "99"))))
			.andReturn();
		assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
		assertThat(invalid.getResponse().getContentAsString())
			.containsPattern("id=\"f-username-error\">[^<]*letters")
			.containsPattern("id=\"f-password-error\">[^<]*8 to 200")
			.containsPattern("(?s)Roles</legend>.*?must name at least one")
			.containsPattern("id=\"f-maxConcurrentChats-error\">[^<]*between 1 and 50");

		String self = api.get("/api/v1/users?q=" + admin).json().at("/items/0/id").asString();
		MvcResult refused = mvc.perform(post("/console/users/" + self + "/enabled").with(signedIn).with(csrf())
			.param("enabled", "false")).andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(409);
		assertThat(refused.getResponse().getContentAsString()).contains("last enabled admin");
	}

	@Test
	void createsAnApiTokenShownOnceThatWorksUntilRevoked() throws Exception {
		MvcResult created = mvc.perform(post("/console/api-tokens").with(signedIn).with(csrf()).param("name", "CI"))
			.andReturn();
		String page = created.getResponse().getContentAsString();
		Matcher secret = Pattern.compile("id=\"new-token\">(pat_[A-Za-z0-9_-]+)<").matcher(page);
		assertThat(secret.find()).as(page).isTrue();
		assertThat(created.getResponse().getHeader("Cache-Control")).contains("no-store");
		assertThat(HttpApi.bearer(port, secret.group(1)).get("/api/v1/chat-profiles").status()).isEqualTo(200);

		String list = page("/console/api-tokens");
		assertThat(list).contains("CI", "Active").doesNotContain(secret.group(1));
		Matcher revoke = Pattern.compile("action=\"(/console/api-tokens/[0-9a-f-]+/revoke)\"").matcher(list);
		assertThat(revoke.find()).isTrue();
		mvc.perform(post(revoke.group(1)).with(signedIn).with(csrf())).andReturn();
		assertThat(HttpApi.bearer(port, secret.group(1)).get("/api/v1/chat-profiles").status()).isEqualTo(401);

		MvcResult unnamed = mvc.perform(post("/console/api-tokens").with(signedIn).with(csrf()).param("name", ""))
			.andReturn();
		assertThat(unnamed.getResponse().getStatus()).isEqualTo(400);
		assertThat(unnamed.getResponse().getContentAsString()).containsPattern("id=\"f-name-error\">");
		assertThat(mvc.perform(post("/console/api-tokens").with(signedIn).param("name", "no csrf")).andReturn()
			.getResponse().getStatus()).isEqualTo(403);
	}

	private String page(String path) throws Exception {
		MvcResult result = mvc.perform(get(path).with(signedIn)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}
}

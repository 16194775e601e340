package io.parley.profiles.web;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureJdbc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.parley.accounts.TestTenants;
import io.parley.assets.Assets;
import io.parley.database.EmbeddedDatabase;

/**
 * The chat profile controller in a web slice: MockMvc through the real security filter chain, Jackson and problem
 * handler, with the profile module and the accounts it authenticates against on a database of its own. It proves
 * the status codes and problem details a client sees, without an HTTP server.
 */
@WebMvcTest(ChatProfileController.class)
@AutoConfigureJdbc
@ImportAutoConfiguration(FlywayAutoConfiguration.class)
@Import(ChatProfileControllerTest.Backend.class)
@EmbeddedDatabase
class ChatProfileControllerTest {

	static final String PASSWORD = "slice-password";

	/**
	 * The real services behind the controller and the real user store behind authentication, on Parley's embedded
	 * PostgreSQL ({@link EmbeddedDatabase}), migrated by Flyway as the application is.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@ComponentScan(basePackages = "io.parley", useDefaultFilters = false, includeFilters = @Filter(
			type = FilterType.REGEX, pattern = "io\\.parley\\.(accounts\\.(Users|ApiTokens|Tenants|TestTenants)"
					+ "|profiles\\.(ChatProfiles|ChatProfileManagement))"))
	@Import(Assets.class)
	static class Backend {
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	TestTenants testTenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder passwords;

	String admin;

	@BeforeEach
	void setUp() {
		admin = testTenants.tenantWithAdmin(PASSWORD);
	}

	@Test
	void createsWith201LocationAndETag() throws Exception {
		as(admin, post("/api/v1/chat-profiles").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Sales chat\", \"interfaceVersion\": \"V1\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(header().string("Location", containsString("/api/v1/chat-profiles/")))
			.andExpect(jsonPath("$.appearance.fontSize").value("REGULAR"))
			.andExpect(jsonPath("$.createdBy").value(admin));
	}

	@Test
	void answersBrokenRulesWithA400ProblemNamingEveryField() throws Exception {
		String body = """
				{"name": "", "interfaceVersion": "V1", "appearance": {"primaryColor": "#FFF"},
				 "preChatForm": {"fields": [{"key": "topic", "label": "Topic", "type": "SELECT"}]}}""";
		problem(as(admin, post("/api/v1/chat-profiles").contentType(MediaType.APPLICATION_JSON).content(body)), 400)
			.andExpect(jsonPath("$.title").value("Invalid input"))
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("name", "appearance.primaryColor",
					"preChatForm", "preChatForm.fields[0].options")))
			.andExpect(jsonPath("$.errors[0].message").isNotEmpty());
	}

	@Test
	void answersUnreadableBodiesWithA400Problem() throws Exception {
		problem(as(admin, post("/api/v1/chat-profiles").contentType(MediaType.APPLICATION_JSON).content("{\"name\":")),
				400)
			.andExpect(jsonPath("$.title").value("Malformed request body"));
		problem(as(admin, post("/api/v1/chat-profiles").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"x\", \"interfaceVersion\": \"V9\"}")), 400)
			.andExpect(jsonPath("$.errors[0].field").value("interfaceVersion"));
		problem(as(admin, post("/api/v1/chat-profiles").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"x\", \"interfaceVersion\": \"V1\", \"appearance\": {\"headerTitle\": 42}}")), 400)
			.andExpect(jsonPath("$.errors[0].field").value("appearance.headerTitle"))
			.andExpect(jsonPath("$.errors[0].message").value("must be a string"));
	}

	@Test
	void answersProtocolMistakesWithProblems() throws Exception {
		problem(as(admin, post("/api/v1/chat-profiles").contentType(MediaType.TEXT_PLAIN).content("name")), 415);
		problem(as(admin, patch("/api/v1/chat-profiles/" + UUID.randomUUID())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")), 405);
		problem(as(admin, get("/api/v1/chat-profiles/not-a-uuid")), 400)
			.andExpect(jsonPath("$.errors[0].field").value("id"));
		problem(as(admin, get("/api/v1/chat-profiles/" + UUID.randomUUID())), 404);
		problem(as(admin, get("/api/v1/chat-profiles?limit=0")), 400)
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
	}

	@Test
	void answersConflictsAndStaleVersions() throws Exception {
		String location = as(admin, post("/api/v1/chat-profiles").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Taken\", \"interfaceVersion\": \"V2\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		problem(as(admin, post("/api/v1/chat-profiles").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"TAKEN\", \"interfaceVersion\": \"V2\"}")), 409)
			.andExpect(jsonPath("$.detail").value(containsString("TAKEN")));
		problem(as(admin, put(location).header("If-Match", "\"7\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Taken\", \"interfaceVersion\": \"V1\"}")), 412);
		problem(as(admin, delete(location).header("If-Match", "\"7\"")), 412);
		as(admin, delete(location).header("If-Match", "\"1\"")).andExpect(status().isNoContent());
	}

	@Test
	void letsAgentsReadButNotWrite() throws Exception {
		String agent = agentOfTheSameTenant();
		as(agent, get("/api/v1/chat-profiles")).andExpect(status().isOk()).andExpect(jsonPath("$.items").isArray());
		problem(as(agent, post("/api/v1/chat-profiles").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"By agent\", \"interfaceVersion\": \"V2\"}")), 403);
		problem(mvc.perform(get("/api/v1/chat-profiles")), 401);
		problem(mvc.perform(get("/api/v1/chat-profiles").with(httpBasic(admin, "wrong"))), 401);
	}

	private ResultActions as(String username, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(httpBasic(username, PASSWORD)));
	}

	private static ResultActions problem(ResultActions result, int status) throws Exception {
		result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.title").isNotEmpty())
			.andExpect(jsonPath("$.detail").isNotEmpty())
			.andExpect(jsonPath("$.trace").doesNotExist());
		// 405 and 415 are Spring's own problems, whose type is the default about:blank and so left out
		if (status != 405 && status != 415) {
			result.andExpect(jsonPath("$.type").value(containsString("https://parley.io/problems/")));
		}
		return result;
	}

	/** An AGENT in the admin's tenant, stored as the accounts module stores users. */
	private String agentOfTheSameTenant() {
		UUID tenant = jdbc.sql("select tenant_id from app_user where username = ?").param(admin).query(UUID.class)
			.single();
		String username = "agent-" + UUID.randomUUID().toString().substring(0, 8);
		jdbc.sql("insert into app_user (id, tenant_id, username, display_name, password_hash, roles)"
				+ " values (?, ?, ?, 'Agent', ?, ?)")
			.params(UUID.randomUUID(), tenant, username, passwords.encode(PASSWORD), new String[] { "AGENT" })
			.update();
		return username;
	}

}

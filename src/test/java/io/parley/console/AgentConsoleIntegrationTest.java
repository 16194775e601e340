package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;
import tools.jackson.databind.JsonNode;

/**
 * The agent console over the session: the page, going available, a customer's chat arriving in the feed, answering
 * it and ending it, with CSRF on every write and the page closed to users who are not agents.
 */
@IntegrationTest
class AgentConsoleIntegrationTest {

	static final String PASSWORD = "console-agent-password";

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
	HttpApi api;
	String skill;
	RequestPostProcessor agent;

	@BeforeEach
	void setUp() {
		mvc = ConsoleMvc.of(context);
		admin = tenants.tenantWithAdmin(PASSWORD);
		api = HttpApi.basic(port, admin, PASSWORD);
		skill = "desk-" + UUID.randomUUID().toString().substring(0, 8);
		String username = "agent-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(api.post("/api/v1/users", Map.of("username", username, "displayName", "Grace Agent", "password",
				PASSWORD, "roles", List.of("AGENT"), "skills", List.of(skill), "maxConcurrentChats", 2)).status())
			.isEqualTo(201);
		agent = ConsoleMvc.as(users, username);
	}

	@Test
	void anAvailableAgentGetsTheChatAnswersItAndEndsIt() throws Exception {
		MvcResult pageResult = mvc.perform(get("/console/agent").with(agent)).andReturn();
		String page = pageResult.getResponse().getContentAsString();
		assertThat(page).contains("Your chats", "data-status=\"AVAILABLE\"", "/console/js/agent.js", "0 of 2 chats",
				"data-stream=\"/console/agent/stream\"", "data-sound");
		assertThat(ConsoleMvc.hasNoInlineScript(page)).isTrue();
		// the page's own origin (and, in CSP Level 3, its ws:/wss: twin for the feed socket) and nothing else
		assertThat(pageResult.getResponse().getHeader("Content-Security-Policy")).contains("connect-src 'self';",
				"script-src 'self';");

		JsonNode presence = json(post("/console/agent/api/status").contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\":\"AVAILABLE\"}"));
		assertThat(presence.at("/status").asString()).isEqualTo("AVAILABLE");
		String cursor = json(get("/console/agent/api/chats")).at("/cursor").asString();

		String poc = api.post("/api/v1/points-of-contact", Map.of("name", "Desk", "skill", skill)).json().at("/id").asString();
		HttpApi.Answer started = HttpApi.anonymous(port).post("/widget/v1/points-of-contact/" + poc + "/chats",
				Map.of("preChat", Map.of()));
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		String chatId = started.json().at("/chatId").asString();
		HttpApi customer = HttpApi.bearer(port, started.json().at("/token").asString());

		List<JsonNode> feed = new ArrayList<>();
		for (int i = 0; i < 5 && feed.stream().noneMatch(e -> e.at("/type").asString().equals("ASSIGNED")); i++) {
			JsonNode events = json(get("/console/agent/api/events").param("after", cursor).param("waitSeconds", "10"));
			events.at("/events").forEach(feed::add);
			cursor = events.at("/cursor").asString();
		}
		assertThat(feed).anySatisfy(e -> {
			assertThat(e.at("/type").asString()).isEqualTo("ASSIGNED");
			assertThat(e.at("/chatId").asString()).isEqualTo(chatId);
		});
		JsonNode open = json(get("/console/agent/api/chats"));
		assertThat(open.at("/items/0/chatId").asString()).isEqualTo(chatId);
		assertThat(open.at("/items/0/pointOfContactName").asString()).isEqualTo("Desk");

		MvcResult said = mvc.perform(post("/console/agent/api/chats/" + chatId + "/messages").with(agent).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"clientMessageId\":\"m-1\",\"text\":\"<b>Hello</b>, how can I help?\"}"))
			.andReturn();
		assertThat(said.getResponse().getStatus()).isEqualTo(201);
		assertThat(customer.get("/widget/v1/chats/" + chatId + "/events?after=0&waitSeconds=0").text())
			.contains("<b>Hello</b>, how can I help?");
		customer.post("/widget/v1/chats/" + chatId + "/messages", Map.of("clientMessageId", "c-1", "text", "My order"));
		JsonNode transcript = json(get("/console/agent/api/chats/" + chatId + "/transcript"));
		assertThat(transcript.at("/messages").valueStream().map(m -> m.at("/text").asString()))
			.contains("<b>Hello</b>, how can I help?", "My order");

		assertThat(mvc.perform(post("/console/agent/api/chats/" + chatId + "/end").with(agent)).andReturn()
			.getResponse().getStatus()).as("no CSRF token").isEqualTo(403);
		JsonNode ended = json(post("/console/agent/api/chats/" + chatId + "/end"));
		assertThat(ended.at("/state").asString()).isEqualTo("ENDED");
		MvcResult late = mvc.perform(post("/console/agent/api/chats/" + chatId + "/messages").with(agent).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"clientMessageId\":\"m-2\",\"text\":\"Still there?\"}"))
			.andReturn();
		assertThat(late.getResponse().getStatus()).isEqualTo(409);
		assertThat(late.getResponse().getContentType()).contains("problem+json");
	}

	@Test
	void answersProblemsAndIsClosedToAdminsWhoAreNotAgents() throws Exception {
		MvcResult unknown = mvc.perform(get("/console/agent/api/chats/" + UUID.randomUUID() + "/transcript").with(agent))
			.andReturn();
		assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
		assertThat(unknown.getResponse().getContentType()).contains("problem+json");
		MvcResult badStatus = mvc.perform(post("/console/agent/api/status").with(agent).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"ASLEEP\"}")).andReturn();
		assertThat(badStatus.getResponse().getStatus()).isEqualTo(400);

		RequestPostProcessor adminOnly = ConsoleMvc.as(users, admin);
		assertThat(mvc.perform(get("/console/agent").with(adminOnly)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(mvc.perform(get("/console/chat-profiles").with(agent)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(mvc.perform(get("/").with(agent)).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/console/agent");
	}

	private JsonNode json(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request.with(agent).with(csrf())).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isBetween(200, 201);
		return HttpApi.JSON.readTree(result.getResponse().getContentAsString());
	}
}

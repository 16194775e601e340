package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.TestSocket;
import io.parley.accounts.TestTenants;
import tools.jackson.databind.JsonNode;

/**
 * The agent console's feed WebSocket over real HTTP, opened the way the console page opens it: with the login
 * session's cookie from Parley's own origin. It pushes the agent's chats and messages, resumes after a cursor without
 * sending anything twice, is refused without a session, to other sites and to users who are not agents, and closes
 * when the agent logs out.
 */
@IntegrationTest
class AgentConsoleStreamIntegrationTest {

	static final String PASSWORD = "console-stream-password";
	static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	TestTenants tenants;

	@LocalServerPort
	int port;

	String admin;
	HttpApi api;
	String skill;
	String agent;

	@BeforeEach
	void setUp() {
		admin = tenants.tenantWithAdmin(PASSWORD);
		api = HttpApi.basic(port, admin, PASSWORD);
		skill = "stream-" + UUID.randomUUID().toString().substring(0, 8);
		agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(api.post("/api/v1/users", Map.of("username", agent, "displayName", "Ada Stream", "password",
				PASSWORD, "roles", List.of("AGENT"), "skills", List.of(skill), "maxConcurrentChats", 2)).status())
			.isEqualTo(201);
	}

	@Test
	void pushesTheAgentsChatsAndMessagesAndResumesAfterACursorWithoutDoubles() throws Exception {
		Session session = Session.logIn(port, agent);
		assertThat(session.post("/console/agent/api/status", "{\"status\":\"AVAILABLE\"}").statusCode()).isEqualTo(200);
		String poc = api.post("/api/v1/points-of-contact", Map.of("name", "Desk", "skill", skill)).json().at("/id")
			.asString();

		TestSocket socket = TestSocket.open(session.streamUrl(""), session.socketHeaders(session.origin()));
		HttpApi.Answer started = HttpApi.anonymous(port).post("/widget/v1/points-of-contact/" + poc + "/chats",
				Map.of("preChat", Map.of()));
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		String chatId = started.json().at("/chatId").asString();
		HttpApi customer = HttpApi.bearer(port, started.json().at("/token").asString());
		JsonNode assigned = socket.await(type("ASSIGNED"), "the chat assigned to the agent");
		assertThat(assigned.at("/chatId").asString()).isEqualTo(chatId);

		say(customer, chatId, "c1", "Hello agent");
		JsonNode first = socket.await(type("MESSAGE"), "the customer's message");
		assertThat(first.at("/text").asString()).isEqualTo("Hello agent");
		assertThat(first.at("/from").asString()).isEqualTo("CUSTOMER");
		socket.abort();

		// sent while the console had no socket; the last one marks the end of what the resumed socket must bring
		say(customer, chatId, "c2", "Are you there?");
		say(customer, chatId, "c3", "My order is late");
		say(customer, chatId, "c4", "Order #77");
		TestSocket resumed = TestSocket.open(session.streamUrl("?after=" + first.at("/cursor").asString()),
				session.socketHeaders(session.origin()));
		resumed.await(e -> "Order #77".equals(e.at("/text").asString()), "the last message sent while away");
		assertThat(resumed.received).extracting(e -> e.at("/text").asString())
			.containsExactly("Are you there?", "My order is late", "Order #77");
		List<Long> cursors = resumed.received.stream().map(e -> Long.parseLong(e.at("/cursor").asString())).toList();
		long after = Long.parseLong(first.at("/cursor").asString());
		assertThat(cursors).containsExactly(after + 1, after + 2, after + 3);

		// the agent's own reply comes back on the socket too, once
		assertThat(session.post("/console/agent/api/chats/" + chatId + "/messages",
				"{\"clientMessageId\":\"a1\",\"text\":\"On it\"}").statusCode()).isEqualTo(201);
		JsonNode reply = resumed.await(e -> "On it".equals(e.at("/text").asString()), "the agent's reply");
		assertThat(reply.at("/from").asString()).isEqualTo("AGENT");
		assertThat(resumed.received).filteredOn(e -> "On it".equals(e.at("/text").asString())).hasSize(1);
		resumed.close();
	}

	@Test
	void isRefusedWithoutASessionToOtherSitesToNonAgentsAndForABadCursor() throws Exception {
		Session session = Session.logIn(port, agent);
		String url = session.streamUrl("");
		assertThat(TestSocket.refusal(url, Map.of("Origin", session.origin()))).as("no session").isEqualTo(401);
		assertThat(TestSocket.refusal(url, Map.of("Cookie", "PARLEY_SESSION=" + UUID.randomUUID())))
			.as("a session that does not exist").isEqualTo(401);
		assertThat(TestSocket.refusal(url, session.socketHeaders("https://evil.example.com"))).as("another site")
			.isEqualTo(403);
		assertThat(TestSocket.refusal(session.streamUrl("?after=yesterday"), session.socketHeaders(session.origin())))
			.as("not a cursor").isEqualTo(400);
		// the API's socket does not take the console's cookie
		assertThat(TestSocket.refusal("ws://localhost:" + port + "/api/v1/agent/stream",
				session.socketHeaders(session.origin()))).isEqualTo(401);

		Session adminSession = Session.logIn(port, admin);
		assertThat(TestSocket.refusal(url, adminSession.socketHeaders(adminSession.origin()))).as("an admin")
			.isEqualTo(403);
		TestSocket.open(url, session.socketHeaders(session.origin())).close();
	}

	@Test
	void closesWhenTheAgentLogsOutOrSomeoneLogsInAgainInTheSameBrowser() throws Exception {
		Session session = Session.logIn(port, agent);
		TestSocket socket = TestSocket.open(session.streamUrl(""), session.socketHeaders(session.origin()));
		TestSocket otherTab = TestSocket.open(session.streamUrl(""), session.socketHeaders(session.origin()));
		assertThat(session.logOut().statusCode()).isEqualTo(302);
		// Tomcat closes sockets of a destroyed session itself (1008) before Parley's own listener (4401) gets to
		assertThat(socket.closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isIn(1008, 4401);
		assertThat(otherTab.closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isIn(1008, 4401);
		assertThat(TestSocket.refusal(session.streamUrl(""), session.socketHeaders(session.origin()))).isEqualTo(401);

		Session again = Session.logIn(port, agent);
		TestSocket before = TestSocket.open(again.streamUrl(""), again.socketHeaders(again.origin()));
		Session someoneElse = again.logInAgain(admin);
		assertThat(before.closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(4401);
		assertThat(TestSocket.refusal(someoneElse.streamUrl(""), someoneElse.socketHeaders(someoneElse.origin())))
			.as("the admin who logged in since").isEqualTo(403);
	}

	private static void say(HttpApi customer, String chatId, String clientMessageId, String text) {
		HttpApi.Answer said = customer.post("/widget/v1/chats/" + chatId + "/messages",
				Map.of("clientMessageId", clientMessageId, "text", text));
		assertThat(said.status()).as(said.toString()).isEqualTo(201);
	}

	private static Predicate<JsonNode> type(String type) {
		return e -> type.equals(e.at("/type").asString());
	}

	/** A browser's login session: its cookie, kept between requests, and the CSRF token of the console's pages. */
	static final class Session {

		final int port;
		final CookieManager cookies;
		final HttpClient client;
		final String csrf;

		private Session(int port, CookieManager cookies, String csrf) {
			this.port = port;
			this.cookies = cookies;
			this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
				.build();
			this.csrf = csrf;
		}

		static Session logIn(int port, String username) throws IOException, InterruptedException {
			return logIn(new Session(port, new CookieManager(), null), username);
		}

		/** Logs in again in this browser (the session keeps its cookie but gets a new id). */
		Session logInAgain(String username) throws IOException, InterruptedException {
			return logIn(this, username);
		}

		private static Session logIn(Session anonymous, String username) throws IOException, InterruptedException {
			int port = anonymous.port;
			String login = anonymous.get("/login").body();
			HttpResponse<String> signedIn = anonymous.form("/login", Map.of("username", username, "password", PASSWORD,
					"_csrf", find(login, "name=\"_csrf\" value=\"([^\"]+)\"")));
			assertThat(signedIn.statusCode()).as("logged in").isEqualTo(302);
			// the landing page, after its redirects, carries the session's CSRF token (a new one since the login)
			HttpResponse<String> page = signedIn;
			for (int i = 0; i < 3 && page.statusCode() == 302; i++) {
				page = anonymous.get(page.headers().firstValue("Location").orElseThrow());
			}
			assertThat(page.statusCode()).as("the console's landing page").isEqualTo(200);
			return new Session(port, anonymous.cookies, find(page.body(), "name=\"csrf-token\" content=\"([^\"]+)\""));
		}

		String origin() {
			return "http://localhost:" + port;
		}

		String streamUrl(String query) {
			return "ws://localhost:" + port + "/console/agent/stream" + query;
		}

		Map<String, String> socketHeaders(String origin) {
			String cookie = cookies.getCookieStore().getCookies().stream()
				.filter(c -> c.getName().equals("PARLEY_SESSION"))
				.map(HttpCookie::toString)
				.findFirst()
				.orElseThrow();
			return Map.of("Cookie", cookie, "Origin", origin);
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
			return client.send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.header("X-CSRF-TOKEN", csrf)
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> logOut() throws IOException, InterruptedException {
			return form("/logout", Map.of("_csrf", csrf));
		}

		private HttpResponse<String> form(String path, Map<String, String> form)
				throws IOException, InterruptedException {
			String body = form.entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return client.send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + port).resolve(path);
		}

		private static String find(String page, String pattern) {
			Matcher m = Pattern.compile(pattern).matcher(page);
			assertThat(m.find()).as(pattern + " in the page").isTrue();
			return m.group(1);
		}
	}
}

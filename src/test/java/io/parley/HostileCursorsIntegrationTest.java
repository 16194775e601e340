package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.HttpApi.Answer;
import io.parley.accounts.TestTenants;
import tools.jackson.databind.JsonNode;

/**
 * Every list that pages with a cursor, in the API and in the console, and every event feed that resumes after a
 * position, sent cursors it never handed out: bytes that are no UTF-8 ({@code %ff}), random base64, base64 of
 * garbage, another list's cursor, overlong ones and numbers past the end. Each is a 400 naming the parameter (a
 * problem in the API, a page in the console), never a 500, never an empty page as if it were fine, and nothing of
 * it leaves a stack trace in the log.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class HostileCursorsIntegrationTest {

	static final String PASSWORD = "hostile-cursors-password";

	@Autowired
	TestTenants tenants;

	@LocalServerPort
	int port;

	HttpApi admin;
	String adminName;
	String suffix;

	@BeforeEach
	void tenant() {
		adminName = tenants.tenantWithAdmin(PASSWORD);
		admin = HttpApi.basic(port, adminName, PASSWORD);
		suffix = UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void everyCursorListAnswersACursorItNeverHandedOutWith400NamingCursor(CapturedOutput log) throws Exception {
		String profile = created(admin.post("/api/v1/chat-profiles", Map.of("name", "Alpha " + suffix,
				"interfaceVersion", "V2")));
		created(admin.post("/api/v1/chat-profiles", Map.of("name", "Beta " + suffix, "interfaceVersion", "V2")));
		String poc = created(admin.post("/api/v1/points-of-contact", Map.of("name", "Shop A " + suffix, "skill",
				"s" + suffix, "active", true, "allowedOrigins", List.of())));
		created(admin.post("/api/v1/points-of-contact", Map.of("name", "Shop B " + suffix, "skill", "s" + suffix,
				"active", true, "allowedOrigins", List.of())));
		created(admin.post("/api/v1/users", Map.of("username", "zed-" + suffix, "displayName", "Zed", "password",
				PASSWORD, "roles", List.of("AGENT"))));

		// the cursors the lists really hand out: each is fine on its own list and a stranger on any other
		Map<String, String> real = new LinkedHashMap<>();
		real.put("/api/v1/chat-profiles", nextCursor("/api/v1/chat-profiles?limit=1"));
		real.put("/api/v1/points-of-contact", nextCursor("/api/v1/points-of-contact?limit=1"));
		real.put("/api/v1/users", nextCursor("/api/v1/users?limit=1"));
		real.put("/api/v1/audit", nextCursor("/api/v1/audit?limit=1"));
		real.forEach((list, cursor) -> assertThat(admin.get(list + "?limit=1&cursor=" + cursor).status())
			.as("the real cursor of " + list).isEqualTo(200));

		List<String> lists = List.of("/api/v1/chat-profiles", "/api/v1/points-of-contact", "/api/v1/users",
				"/api/v1/audit", "/api/v1/chat-profiles/" + profile + "/audit",
				"/api/v1/points-of-contact/" + poc + "/audit");
		for (String list : lists) {
			for (String cursor : hostile(real, list)) {
				Answer answer = admin.get(list + "?cursor=" + cursor);
				assertProblemNaming(answer, "cursor", list + "?cursor=" + cursor);
			}
		}
		// the audit's CSV export has no pages, and still says so about a bad cursor
		Answer csv = admin.with("Accept", "text/csv").get("/api/v1/audit?cursor=" + b64("garbage"));
		assertThat(csv.status()).as("CSV with a garbage cursor").isEqualTo(400);

		// the console's lists: a page saying what was wrong
		HttpClient console = logIn(adminName);
		List<String> pages = List.of("/console/chat-profiles", "/console/points-of-contact", "/console/users",
				"/console/audit", "/console/chat-profiles/" + profile + "/audit",
				"/console/points-of-contact/" + poc + "/audit", "/console/chat-profiles/" + profile + "/points-of-contact");
		for (String page : pages) {
			for (String cursor : hostile(real, page.replace("/console/", "/api/v1/"))) {
				HttpResponse<String> answer = get(console, page + "?cursor=" + cursor);
				assertThat(answer.statusCode()).as(page + "?cursor=" + cursor + ": " + excerpt(answer.body()))
					.isEqualTo(400);
				assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(page + "?cursor=" + cursor)
					.startsWith("text/html");
				assertThat(answer.body()).as(page + "?cursor=" + cursor).contains("Page");
			}
		}
		// a posted form that is no text is read first by a filter (the CSRF check): a 400 problem there too
		HttpResponse<String> form = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=%ff&password=x")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(form.statusCode()).as("a login form that is no text: " + form.body()).isEqualTo(400);
		assertThat(log.getAll()).as("the log after hostile cursors").doesNotContain("\tat ", "Unexpected error");
	}

	@Test
	void everyEventFeedAnswersAPositionItNeverHandedOutWith400NamingAfter(CapturedOutput log) throws Exception {
		String skill = "f" + suffix;
		String poc = created(admin.post("/api/v1/points-of-contact", Map.of("name", "Feed " + suffix, "skill", skill,
				"active", true, "allowedOrigins", List.of())));
		String agentName = "feed-agent-" + suffix;
		created(admin.post("/api/v1/users", Map.of("username", agentName, "displayName", "Feed Agent", "password",
				PASSWORD, "roles", List.of("AGENT"), "skills", List.of(skill))));
		HttpApi agent = HttpApi.basic(port, agentName, PASSWORD);
		Answer started = HttpApi.anonymous(port).post("/widget/v1/points-of-contact/" + poc + "/chats", Map.of());
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		String chat = started.json().at("/chatId").asString();
		String token = started.json().at("/token").asString();
		HttpApi customer = HttpApi.bearer(port, token);
		String profiles = created(admin.post("/api/v1/chat-profiles", Map.of("name", "P1 " + suffix, "interfaceVersion", "V1")));
		created(admin.post("/api/v1/chat-profiles", Map.of("name", "P2 " + suffix, "interfaceVersion", "V1")));
		String otherList = nextCursor("/api/v1/chat-profiles?limit=1");
		assertThat(profiles).isNotNull();

		List<String> hostile = List.of("%ff", "%C0%80", b64(randomBytes(24)), b64("garbage"), otherList, "-1",
				"1e3", "99999999999999999999999", "1000000000");
		assertThat(customer.get("/widget/v1/chats/" + chat + "/events?after=0").status()).isEqualTo(200);
		assertThat(agent.get("/api/v1/agent/events?after=0").status()).isEqualTo(200);
		for (String after : hostile) {
			assertProblemNaming(customer.get("/widget/v1/chats/" + chat + "/events?after=" + after), "after",
					"customer events after=" + after);
			assertProblemNaming(agent.get("/api/v1/agent/events?after=" + after), "after",
					"agent events after=" + after);
			assertThat(TestSocket.refusal("ws://localhost:" + port + "/widget/v1/chats/" + chat + "/stream?token="
					+ token + "&after=" + after, Map.of())).as("customer stream after=" + after).isEqualTo(400);
			assertThat(TestSocket.refusal("ws://localhost:" + port + "/api/v1/agent/stream?after=" + after,
					Map.of("Authorization", basic(agentName), "Origin", "http://localhost:" + port)))
				.as("agent stream after=" + after).isEqualTo(400);
		}
		HttpClient console = logIn(agentName);
		for (String after : hostile) {
			HttpResponse<String> answer = get(console, "/console/agent/api/events?after=" + after);
			assertThat(answer.statusCode()).as("console agent events after=" + after + ": " + excerpt(answer.body()))
				.isEqualTo(400);
		}
		assertThat(log.getAll()).as("the log after hostile positions").doesNotContain("\tat ", "Unexpected error");
	}

	/** Cursors that {@code list} never handed out, among them the real cursors of the other lists. */
	private List<String> hostile(Map<String, String> real, String list) {
		List<String> cursors = new ArrayList<>(List.of("%ff", "%ff%fe", "%C0%80", b64(randomBytes(24)),
				b64(randomBytes(7)), b64("garbage"), b64("zzz:not a cursor"), b64("\u0000"), "AAAA====", "YWJj%2B%2F",
				"A".repeat(2000), "!!!"));
		String own = list.replaceFirst("^(/api/v1/(chat-profiles|points-of-contact))/[^/]+/audit$", "/api/v1/audit")
			.replaceFirst("^/api/v1/chat-profiles/[^/]+/points-of-contact$", "/api/v1/points-of-contact");
		real.forEach((other, cursor) -> {
			if (!other.equals(own)) {
				cursors.add(cursor);
			}
		});
		// a real cursor of this list spelled another way (base64 with padding)
		cursors.add(real.get(own) + "==");
		return cursors;
	}

	private static void assertProblemNaming(Answer answer, String field, String what) {
		assertThat(answer.status()).as(what + ": " + answer).isEqualTo(400);
		assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
		JsonNode errors = answer.json().at("/errors");
		assertThat(errors.isArray() && errors.size() > 0 && field.equals(errors.get(0).at("/field").asString()))
			.as(what + " names " + field + ": " + answer.text()).isTrue();
	}

	private String nextCursor(String path) {
		Answer page = admin.get(path);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		String cursor = page.json().at("/nextCursor").asString();
		assertThat(cursor).as("the next cursor of " + path).isNotBlank();
		return cursor;
	}

	private static String created(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		return answer.json().at("/id").asString();
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		new Random(count).nextBytes(bytes);
		return bytes;
	}

	private static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String b64(String text) {
		return b64(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String basic(String username) {
		return "Basic " + Base64.getEncoder().encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	private static String excerpt(String body) {
		return body.length() > 300 ? body.substring(0, 300) + "…" : body;
	}

	/** A console session over real HTTP, logged in through the login form. */
	private HttpClient logIn(String username) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<String> login = get(client, "/login");
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
		assertThat(csrf.find()).as("the login form's token").isTrue();
		HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(Map.of("username", username, "password", PASSWORD, "_csrf",
					csrf.group(1)).entrySet().stream()
				.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).as("logging in").isEqualTo(302);
		return client;
	}

	private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}
}

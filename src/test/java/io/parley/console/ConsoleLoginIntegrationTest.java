package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;

/**
 * Logging in to the console the way a browser does, over real HTTP with cookies: the session cookie's attributes,
 * a failed login that does not say which part was wrong, CSRF on the login form, the landing page and logout, and
 * what a form sent with a stale CSRF token shows.
 */
@IntegrationTest
class ConsoleLoginIntegrationTest {

	static final String PASSWORD = "console-login-password";

	@Autowired
	TestTenants tenants;

	@LocalServerPort
	int port;

	@Test
	void logsInWithASessionCookieThatScriptsCannotReadAndLogsOut() throws Exception {
		String admin = tenants.tenantWithAdmin(PASSWORD);
		Browser browser = new Browser();
		HttpResponse<String> login = browser.get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("<label for=\"username\">Username</label>", "<label for=\"password\">Password</label>",
				">Log in</button>");
		assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				policy -> assertThat(policy).contains("script-src 'self'"));
		String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("PARLEY_SESSION="))
			.findFirst().orElseThrow();
		assertThat(cookie).contains("HttpOnly", "SameSite=Lax");

		HttpResponse<String> signedIn = browser.post("/login", Map.of("username", admin, "password", PASSWORD,
				"_csrf", csrf(login.body())));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		HttpResponse<String> home = browser.follow(signedIn);
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/chat-profiles"));
		HttpResponse<String> profiles = browser.follow(home);
		assertThat(profiles.statusCode()).isEqualTo(200);
		assertThat(profiles.body()).contains("<h1>Chat profiles</h1>", "Log out");
		assertThat(ConsoleMvc.hasNoInlineScript(profiles.body())).isTrue();

		HttpResponse<String> withoutToken = browser.post("/logout", Map.of());
		assertThat(withoutToken.statusCode()).isEqualTo(403);
		HttpResponse<String> out = browser.post("/logout", Map.of("_csrf", csrf(profiles.body())));
		assertThat(out.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
		assertThat(browser.follow(out).body()).contains("You have logged out.");
		assertThat(browser.get("/console/chat-profiles").statusCode()).isEqualTo(302);
	}

	@Test
	void aFailedLoginDoesNotSayWhichPartWasWrong() throws Exception {
		String admin = tenants.tenantWithAdmin(PASSWORD);
		Browser browser = new Browser();
		String wrongPassword = browser.follow(browser.post("/login", Map.of("username", admin, "password", "nope",
				"_csrf", csrf(browser.get("/login").body())))).body();
		String unknownUser = browser.follow(browser.post("/login", Map.of("username", "nobody-" + admin, "password",
				PASSWORD, "_csrf", csrf(browser.get("/login").body())))).body();
		assertThat(wrongPassword).contains("The user name or password is not right.");
		assertThat(unknownUser).contains("The user name or password is not right.");
		assertThat(message(wrongPassword)).isEqualTo(message(unknownUser));

		HttpResponse<String> noToken = new Browser().post("/login", Map.of("username", admin, "password", PASSWORD));
		assertThat(noToken.statusCode()).isEqualTo(403);
	}

	@Test
	void aFormWithAStaleTokenShowsAConsolePageThatSaysWhatHappened() throws Exception {
		String admin = tenants.tenantWithAdmin(PASSWORD);
		Browser browser = new Browser();
		logIn(browser, admin);
		Map<String, String> form = Map.of("_csrf", "a-token-of-an-earlier-session", "username", "new-user",
				"displayName", "New User");
		Map<String, String> headers = Map.of("Referer", browser.uri("/console/users/new").toString(), "Accept", "*/*");
		HttpResponse<String> refused = browser.post("/console/users", form, headers);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("text/html"));
		assertThat(refused.body()).contains("<h1>This form had expired</h1>", "Nothing was saved",
				"href=\"/console/users/new\"", ">Log out</button>");
		assertThat(ConsoleMvc.hasNoInlineScript(refused.body())).isTrue();

		// htmx sends the same form in the background: it is sent to the same page instead of failing silently.
		Map<String, String> htmx = Map.of("Referer", browser.uri("/console/users/new").toString(), "Accept", "*/*",
				"HX-Request", "true");
		HttpResponse<String> background = browser.post("/console/users", form, htmx);
		assertThat(background.statusCode()).isEqualTo(403);
		assertThat(background.headers().firstValue("HX-Redirect")).hasValueSatisfying(
				l -> assertThat(l).startsWith("/console/form-expired"));
		HttpResponse<String> page = browser.get(background.headers().firstValue("HX-Redirect").orElseThrow());
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("<h1>This form had expired</h1>");
	}

	@Test
	void aFormSentAfterTheSessionEndedShowsTheLoginPage() throws Exception {
		HttpResponse<String> refused = new Browser().post("/console/users", Map.of("_csrf", "from-a-session-long-gone",
				"username", "x"), Map.of("Accept", "*/*"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("text/html"));
		assertThat(message(refused.body())).isEqualTo(
				"Your session had ended, so what you sent was not saved. Log in and try again.");
		assertThat(refused.body()).contains("<label for=\"username\">Username</label>", "name=\"_csrf\"");
	}

	@Test
	void anAdminLoggedInToTheConsoleSeesTheHealthDetails() throws Exception {
		String admin = tenants.tenantWithAdmin(PASSWORD);
		Browser browser = new Browser();
		assertThat(browser.get("/actuator/health").body()).doesNotContain("components");
		logIn(browser, admin);
		assertThat(browser.get("/actuator/health").body()).contains("\"components\"", "diskSpace");
	}

	private void logIn(Browser browser, String username) throws Exception {
		HttpResponse<String> in = browser.post("/login", Map.of("username", username, "password", PASSWORD,
				"_csrf", csrf(browser.get("/login").body())));
		assertThat(in.statusCode()).isEqualTo(302);
		assertThat(in.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
	}

	private static String message(String page) {
		Matcher m = Pattern.compile("role=\"alert\"[^>]*>([^<]*)<").matcher(page);
		return m.find() ? m.group(1) : null;
	}

	private static String csrf(String page) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(m.find()).as("a CSRF token in the page").isTrue();
		return m.group(1);
	}

	/** Cookies kept between requests, redirects not followed, like a browser one step at a time. */
	class Browser {

		final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER).build();

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
			return post(path, form, Map.of());
		}

		HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers)
				throws IOException, InterruptedException {
			String body = form.entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body));
			headers.forEach(request::header);
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> follow(HttpResponse<String> redirect) throws IOException, InterruptedException {
			List<String> location = redirect.headers().allValues("Location");
			assertThat(location).as("a redirect").hasSize(1);
			return client.send(HttpRequest.newBuilder(uri(location.get(0))).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

		URI uri(String path) {
			return URI.create("http://localhost:" + port).resolve(path);
		}
	}
}

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
 * a failed login that does not say which part was wrong, CSRF on the login form, the landing page and logout.
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
			String body = form.entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return client.send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
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

package io.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;

/**
 * Throttling of wrong credentials over real HTTP: HTTP Basic, API tokens and the console's login form. Loopback is a
 * trusted proxy here, so each test speaks from client addresses of its own through {@code X-Forwarded-For}, and the
 * clock is this test's, so that waits of minutes pass at once.
 */
@IntegrationTest
@TestPropertySource(properties = { "parley.widget.trusted-proxies=127.0.0.1,::1",
		"parley.accounts.login-failures-per-address=20" })
@Import(CredentialThrottlingIntegrationTest.Time.class)
@ExtendWith(OutputCaptureExtension.class)
class CredentialThrottlingIntegrationTest {

	static final String PASSWORD = "throttled-password";

	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		TestClock testClock() {
			return new TestClock();
		}
	}


	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

	/** A client address no other test uses. */
	private static String newAddress() {
		int n = NEXT_ADDRESS.getAndIncrement();
		return "203.0." + (113 + n / 250) + "." + (n % 250 + 1);
	}

	private HttpApi basic(String username, String password, String address) {
		return HttpApi.basic(port, username, password).with("X-Forwarded-For", address);
	}

	@Test
	void wrongBasicPasswordsGet429WithARetryAfterThatDoublesUpToFiveMinutes() {
		String user = tenants.tenantWithAdmin(PASSWORD);
		HttpApi wrong = basic(user, "not-the-password", newAddress());
		for (int i = 0; i < 3; i++) {
			assertThat(wrong.get("/api/v1/users").status()).as("attempt %d", i + 1).isEqualTo(401);
		}
		List<String> waits = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			Answer refused = wrong.get("/api/v1/users");
			assertThat(refused.status()).as("refused while backing off").isEqualTo(429);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			assertThat(refused.json().at("/status").asInt()).isEqualTo(429);
			waits.add(refused.header("Retry-After"));
			clock.advance(Duration.ofSeconds(Long.parseLong(refused.header("Retry-After"))));
			assertThat(wrong.get("/api/v1/users").status()).as("checked again once the wait is over").isEqualTo(401);
		}
		assertThat(waits).containsExactly("1", "2", "4", "8", "16", "32", "64", "128", "256", "300", "300");
	}

	@Test
	void theRightPasswordFromAnotherAddressWorksWhileOneAddressBacksOff() {
		String user = tenants.tenantWithAdmin(PASSWORD);
		String attacker = newAddress();
		for (int i = 0; i < 3; i++) {
			assertThat(basic(user, "guess-" + i, attacker).get("/api/v1/users").status()).isEqualTo(401);
		}
		assertThat(basic(user, "guess-4", attacker).get("/api/v1/users").status()).isEqualTo(429);

		assertThat(basic(user, PASSWORD, newAddress()).get("/api/v1/users").status()).isEqualTo(200);
		// From the address that is backing off even the right password waits: it is not checked there.
		assertThat(basic(user, PASSWORD, attacker).get("/api/v1/users").status()).isEqualTo(429);
	}

	@Test
	void aSuccessForgetsEarlierFailures() {
		String user = tenants.tenantWithAdmin(PASSWORD);
		String address = newAddress();
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 2; i++) {
				assertThat(basic(user, "typo-" + i, address).get("/api/v1/users").status()).isEqualTo(401);
			}
			assertThat(basic(user, PASSWORD, address).get("/api/v1/users").status()).isEqualTo(200);
		}
	}

	@Test
	void sprayingManyUserNamesFromOneAddressIsStopped() {
		String user = tenants.tenantWithAdmin(PASSWORD);
		String sprayer = newAddress();
		int refusedAt = -1;
		for (int i = 0; i < 40 && refusedAt < 0; i++) {
			Answer answer = basic("someone-" + UUID.randomUUID(), "Winter2026!", sprayer).get("/api/v1/users");
			if (answer.status() == 429) {
				refusedAt = i;
				assertThat(Long.parseLong(answer.header("Retry-After"))).isPositive();
			}
			else {
				assertThat(answer.status()).isEqualTo(401);
			}
		}
		assertThat(refusedAt).as("refused after the address's limit of 20 failures").isEqualTo(20);
		assertThat(basic(user, PASSWORD, sprayer).get("/api/v1/users").status()).isEqualTo(429);
		assertThat(basic(user, PASSWORD, newAddress()).get("/api/v1/users").status()).isEqualTo(200);
	}

	@Test
	void invalidApiTokensAreThrottledPerAddress() {
		String user = tenants.tenantWithAdmin(PASSWORD);
		String token = basic(user, PASSWORD, newAddress()).post("/api/v1/api-tokens", Map.of("name", "ci")).json()
			.at("/token").asString();
		String guesser = newAddress();
		int refusedAt = -1;
		for (int i = 0; i < 40 && refusedAt < 0; i++) {
			Answer answer = HttpApi.bearer(port, "pat_guess" + i).with("X-Forwarded-For", guesser).get("/api/v1/users");
			if (answer.status() == 429) {
				refusedAt = i;
				assertThat(answer.header("Retry-After")).isNotBlank();
			}
			else {
				assertThat(answer.status()).isEqualTo(401);
			}
		}
		assertThat(refusedAt).isEqualTo(20);
		assertThat(HttpApi.bearer(port, token).with("X-Forwarded-For", newAddress()).get("/api/v1/users").status())
			.isEqualTo(200);
	}

	@Test
	void failedLoginsAreLoggedWithUserNameAndAddressButNeverThePassword(CapturedOutput output) {
		String user = tenants.tenantWithAdmin(PASSWORD);
		String address = newAddress();
		assertThat(basic(user, "secret-guess-7781", address).get("/api/v1/users").status()).isEqualTo(401);
		assertThat(output.getAll()).containsPattern("(?i)failed login.*" + Pattern.quote(user) + ".*"
				+ Pattern.quote(address));
		assertThat(output.getAll()).doesNotContain("secret-guess-7781");
	}

	@Test
	void theLoginPageSaysWhenToTryAgain() throws Exception {
		String user = tenants.tenantWithAdmin(PASSWORD);
		Browser browser = new Browser(newAddress());
		for (int i = 0; i < 3; i++) {
			assertThat(browser.logIn(user, "wrong-" + i)).contains("The user name or password is not right.");
		}
		assertThat(message(browser.logIn(user, "wrong-3"))).isEqualTo("Too many failed attempts. Try again in 1 second.");
		clock.advance(Duration.ofSeconds(1));
		browser.logIn(user, "wrong-4");
		clock.advance(Duration.ofSeconds(2));
		browser.logIn(user, "wrong-5");
		clock.advance(Duration.ofSeconds(4));
		browser.logIn(user, "wrong-6");
		assertThat(message(browser.logIn(user, PASSWORD))).isEqualTo("Too many failed attempts. Try again in 8 seconds.");

		Browser elsewhere = new Browser(newAddress());
		assertThat(elsewhere.logIn(user, PASSWORD)).contains("<h1>Chat profiles</h1>");
	}

	private static String message(String page) {
		Matcher m = Pattern.compile("role=\"alert\"[^>]*>([^<]*)<").matcher(page);
		return m.find() ? m.group(1).trim() : null;
	}

	/** A browser at one client address: cookies kept, redirects followed by hand. */
	class Browser {

		final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER).build();
		final String address;

		Browser(String address) {
			this.address = address;
		}

		/** Posts the login form and returns the page it ends on. */
		String logIn(String username, String password) throws IOException, InterruptedException {
			HttpResponse<String> form = get("/login");
			Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
			assertThat(csrf.find()).isTrue();
			String body = Map.of("username", username, "password", password, "_csrf", csrf.group(1)).entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			HttpResponse<String> response = client.send(request("/login")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			for (int hops = 0; hops < 5 && response.statusCode() == 302; hops++) {
				response = get(response.headers().firstValue("Location").orElseThrow());
			}
			return response.body();
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpRequest.Builder request(String path) {
			return HttpRequest.newBuilder(URI.create("http://localhost:" + port).resolve(path))
				.header("X-Forwarded-For", address);
		}
	}
}

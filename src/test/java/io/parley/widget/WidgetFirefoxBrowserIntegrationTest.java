package io.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.BrowserHostSite;
import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.SwitchedOn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The widget in real Firefox, switched on by {@code PARLEY_TEST_FIREFOX=1}. Debian has no geckodriver, so the
 * customer is played by {@code src/test/firefox/widget-journey.mjs}, which drives the machine's Firefox through
 * WebDriver BiDi, Firefox's own remote protocol, with puppeteer-core (pinned in that folder's package-lock.json and
 * installed with {@code npm ci} under {@code target/firefox/}, never with a browser download). This test starts
 * Parley and the shop, runs the script, and plays the agent through the agent HTTP API while it runs: on a shop's
 * page of another origin the button is in the profile's corner under the profile's label, the window opens, the
 * V2 pre-chat form starts the chat, messages go both ways, markup stays text, and {@code Parley.close()} hides it.
 */
@IntegrationTest
@SwitchedOn(value = WidgetFirefoxBrowserIntegrationTest.SWITCH, equalTo = "1", needs = "Firefox,"
		+ " Node.js and npm on the PATH, and the npm registry for puppeteer-core")
class WidgetFirefoxBrowserIntegrationTest {

	static final String SWITCH = "PARLEY_TEST_FIREFOX";
	static final List<Path> FIREFOXES = List.of(Path.of("/usr/bin/firefox-esr"), Path.of("/usr/bin/firefox"));
	static final Path SOURCES = Path.of("src", "test", "firefox");
	static final Path WORK = Path.of("target", "firefox");

	static BrowserHostSite shop;
	static Path firefox;
	static Path node;

	@LocalServerPort
	int port;

	@BeforeAll
	static void prepare() throws IOException, InterruptedException {
		firefox = FIREFOXES.stream().filter(Files::isExecutable).findFirst().orElse(null);
		assertThat(firefox).as(SWITCH + "=1 but Firefox is missing (" + FIREFOXES + ")").isNotNull();
		node = onPath("node");
		assertThat(node).as(SWITCH + "=1 but node is missing").isNotNull();
		install();
		shop = new BrowserHostSite();
	}

	@AfterAll
	static void stop() {
		if (shop != null) {
			shop.close();
		}
	}

	private static Path onPath(String program) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.map(dir -> Path.of(dir, program))
			.filter(Files::isExecutable)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Copies the script and its package files to {@code target/firefox/} and runs {@code npm ci} there unless the
	 * same lock file is installed already; {@code PUPPETEER_SKIP_DOWNLOAD} keeps it from fetching a browser.
	 */
	private static void install() throws IOException, InterruptedException {
		Files.createDirectories(WORK);
		for (String file : List.of("package.json", "package-lock.json", "widget-journey.mjs")) {
			Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		Path installed = WORK.resolve("node_modules").resolve(".parley-installed-lock.json");
		byte[] lock = Files.readAllBytes(WORK.resolve("package-lock.json"));
		if (Files.exists(installed) && Arrays.equals(Files.readAllBytes(installed), lock)
				&& Files.exists(WORK.resolve("node_modules/puppeteer-core/package.json"))) {
			return;
		}
		Path npm = onPath("npm");
		assertThat(npm).as(SWITCH + "=1 but npm is missing").isNotNull();
		ProcessBuilder builder = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund", "--ignore-scripts")
			.directory(WORK.toFile())
			.redirectErrorStream(true);
		builder.environment().put("PUPPETEER_SKIP_DOWNLOAD", "1");
		Process npmCi = builder.start();
		String output = new String(npmCi.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(npmCi.waitFor(5, TimeUnit.MINUTES) && npmCi.exitValue() == 0)
			.as("npm ci for the Firefox test in " + WORK + ":\n" + output).isTrue();
		Files.write(installed, lock);
	}

	@Test
	void customerChatsWithAnAgentThroughTheWidgetInFirefox() throws Exception {
		WidgetFixtures fixtures = new WidgetFixtures(port);
		String skill = "firefox-" + UUID.randomUUID().toString().substring(0, 8);
		String profile = fixtures.profile(fixtures.crossBrowserProfile());
		String poc = fixtures.pointOfContact(profile, skill, List.of(shop.origin()));
		HttpApi agent = fixtures.agent(skill, "Kim Firefox", 1);
		String[] cursor = { WidgetFixtures.feedHead(agent) };
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(200);

		String reply = "Hi Robin, how can I help?";
		String hostile = "<img src=x onerror=alert(1)> <script>alert(2)</script> Is this bold: <b>no</b>";
		Path home = Files.createTempDirectory(Files.createDirectories(WORK.resolve("runs")), "run-").toAbsolutePath();
		Path screenshot = Files.createDirectories(Path.of("docs", "screenshots")).resolve("widget-firefox.png")
			.toAbsolutePath();
		String arguments = JsonMapper.builder().build().writeValueAsString(WidgetFixtures.json(
				"firefox", firefox.toString(), "profileDir", Files.createDirectories(home.resolve("profile")).toString(),
				"url", shop.shopPage("/firefox-" + poc, fixtures.parley(), poc, false),
				"label", "Talk to Lumen", "corner", "BOTTOM_LEFT", "agent", "Kim Firefox",
				"name", "Robin Firefox", "email", "robin@example.com", "message", "Hello from Firefox",
				"reply", reply, "hostile", hostile, "screenshot", screenshot.toString()));
		ProcessBuilder builder = new ProcessBuilder(node.toString(), "widget-journey.mjs", arguments)
			.directory(WORK.toFile())
			.redirectErrorStream(true);
		builder.environment().put("HOME", home.toString());
		Process customer = builder.start();
		StringBuffer output = new StringBuffer();
		Thread reader = Thread.ofVirtual().start(() -> copy(customer.getInputStream(), output));
		String chat;
		try {
			// The agent's side, while the customer's script runs.
			JsonNode assigned = WidgetFixtures.awaitAgentEvent(agent, cursor,
					e -> "ASSIGNED".equals(e.at("/type").asString()), customer::isAlive);
			chat = assigned.at("/chatId").asString();
			assertThat(assigned.at("/preChat/name").asString()).isEqualTo("Robin Firefox");
			assertThat(assigned.at("/preChat/email").asString()).isEqualTo("robin@example.com");
			JsonNode message = WidgetFixtures.awaitAgentEvent(agent, cursor,
					e -> "MESSAGE".equals(e.at("/type").asString()) && "CUSTOMER".equals(e.at("/from").asString()),
					customer::isAlive);
			assertThat(message.at("/text").asString()).isEqualTo("Hello from Firefox");
			WidgetFixtures.say(agent, chat, reply);
			WidgetFixtures.say(agent, chat, hostile);
		}
		catch (AssertionError | RuntimeException e) {
			boolean alive = customer.isAlive();
			customer.destroy();
			customer.waitFor(10, TimeUnit.SECONDS);
			reader.join(Duration.ofSeconds(10));
			String what = alive ? e.getMessage() : "The customer's script in Firefox stopped early";
			throw new AssertionError(what + "\nThe customer's script said:\n" + output, e);
		}
		boolean ended = customer.waitFor(2, TimeUnit.MINUTES);
		if (!ended) {
			customer.destroy();
		}
		reader.join(Duration.ofSeconds(10));
		System.out.println("The customer's script in Firefox said:\n" + output);
		assertThat(ended).as("the customer's script to end; it said:\n" + output).isTrue();
		assertThat(customer.exitValue()).as("the customer's script's exit code; it said:\n" + output).isZero();
		assertThat(output.toString()).contains("step: closed the window with Parley.close()").endsWith("done\n");
		assertThat(fixtures.transcript(chat)).containsExactly("Hello from Firefox", reply, hostile);
	}

	private static void copy(InputStream in, StringBuffer into) {
		try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			char[] buffer = new char[8192];
			for (int read; (read = reader.read(buffer)) >= 0;) {
				into.append(buffer, 0, read);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

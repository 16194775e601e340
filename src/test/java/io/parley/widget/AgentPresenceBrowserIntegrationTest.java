package io.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.parley.Browser;
import io.parley.BrowserHostSite;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.SwitchedOn;

/**
 * An agent's network goes away in the middle of a chat, in real Chromium: the customer's window says so and shows
 * her waiting again when the chat is requeued, the admin's users list says "Away — disconnected", the agent's console,
 * once back, shows the chat as gone back to the queue and why the agent is away, and the next agent continues the
 * chat with the customer told what happened. The graces are short here (3 s and 6 s).
 */
@IntegrationTest
@TestPropertySource(properties = { "parley.routing.agent-disconnect-grace=3s",
		"parley.routing.agent-abandon-grace=6s" })
@SwitchedOn(value = Browser.SWITCH, equalTo = "1", needs = Browser.NEEDS)
class AgentPresenceBrowserIntegrationTest {

	static final String PASSWORD = "presence-browser-password";
	static final Duration PATIENCE = Duration.ofSeconds(45);
	static final String REQUEUED = "Your agent was disconnected. You are back at the front of the queue; the next"
			+ " available agent will continue this chat.";

	@LocalServerPort
	int port;

	Browser agentBrowser;
	Browser customerBrowser;
	Browser adminBrowser;
	BrowserHostSite shop;

	@BeforeAll
	static void switchedOn() {
		Browser.requireEnabled();
	}

	@AfterEach
	void close() {
		for (AutoCloseable closeable : new AutoCloseable[] { agentBrowser, customerBrowser, adminBrowser, shop }) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception e) {
					// the others still close
				}
			}
		}
	}

	@Test
	void aChatGoesBackToTheQueueWhenItsAgentIsGoneAndTheNextAgentContinuesIt() {
		WidgetFixtures fixtures = new WidgetFixtures(port);
		shop = new BrowserHostSite();
		String skill = "presence-" + UUID.randomUUID().toString().substring(0, 8);
		String profile = fixtures.profile(WidgetFixtures.json("interfaceVersion", "V2",
				"appearance", WidgetFixtures.json("primaryColor", "#0F766E", "primaryTextColor", "#FFFFFF",
						"topBarColor", "#0F766E", "topBarTextColor", "#FFFFFF", "headerTitle", "Northwind Help",
						"buttonLabel", "Chat with Northwind"),
				"waitingQueue", WidgetFixtures.json("enabled", true,
						"message", "Thanks for your patience, an agent will be with you shortly.",
						"backgroundColor", "#F0FDFA", "textColor", "#134E4A", "showPosition", true,
						"showEstimatedWait", false)));
		String poc = fixtures.pointOfContact(profile, skill, List.of(shop.origin()));
		String alex = user(fixtures, "Alex Morgan", skill);

		// Alex is available in the agent console; the page's sockets are kept so that the test can cut them.
		agentBrowser = Browser.start();
		ChromeDriver agentChrome = (ChromeDriver) agentBrowser.driver();
		agentChrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				window.parleySockets = [];
				const Socket = window.WebSocket;
				window.WebSocket = class extends Socket {
				  constructor(...args) { super(...args); window.parleySockets.push(this); }
				};"""));
		logIn(agentBrowser, alex);
		agentBrowser.await("the agent console", d -> d.getCurrentUrl().endsWith("/console/agent"));
		agentBrowser.await("the feed socket", d -> "websocket".equals(attribute(agentBrowser, "[data-agent-console]",
				"data-transport")));
		agentBrowser.driver().findElement(By.cssSelector("[data-status=AVAILABLE]")).click();
		agentBrowser.await("available", d -> "true".equals(attribute(agentBrowser, "[data-status=AVAILABLE]",
				"aria-pressed")));

		// Dana writes from the shop's page and gets Alex.
		customerBrowser = Browser.start();
		WebDriver customer = customerBrowser.driver();
		customer.get(shop.shopPage("/presence-" + poc, fixtures.parley(), poc, false));
		button().click();
		intoWindow();
		WebElement box = customerBrowser.await("the message box", d -> visible(d, "#message"));
		box.sendKeys("Hello, my parcel never arrived.", Keys.ENTER);
		customerBrowser.await("Alex joined", d -> "You are chatting with Alex Morgan".equals(text(customerBrowser,
				"#subtitle")));

		agentBrowser.await("the chat in Alex's list", d -> !d.findElements(By.cssSelector("[data-chat]")).isEmpty());
		agentBrowser.driver().findElement(By.cssSelector("[data-chat]")).click();
		WebElement reply = agentBrowser.await("the composer", d -> visible(d, "[data-text]"));
		reply.sendKeys("Hi Dana, I am looking into it.", Keys.ENTER);
		customerBrowser.await("Alex's answer", d -> text(customerBrowser, ".log").contains("looking into it"));

		// Alex's network goes: the socket drops and nothing gets through until it comes back.
		agentChrome.executeCdpCommand("Network.enable", Map.of());
		agentChrome.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
				"downloadThroughput", -1, "uploadThroughput", -1));
		agentBrowser.script("window.parleySockets.forEach(s => s.close())");

		// After the abandon grace Dana waits again, first in line, and reads why: the conversation stays in view
		// (not the waiting screen she had before Alex came) with Parley's message.
		customerBrowser.await("waiting again", PATIENCE, d -> "Waiting for an agent · You are next in line."
			.equals(text(customerBrowser, "#subtitle")));
		assertThat(visible(customer, "section.conversation")).isNotNull();
		assertThat(visible(customer, "section.queue")).isNull();
		assertThat(text(customerBrowser, ".log .msg.system:last-child")).isEqualTo(REQUEUED);
		customer.switchTo().defaultContent();
		customerBrowser.screenshot("widget-requeued");

		// The admin sees why Alex takes no chats.
		adminBrowser = Browser.start();
		logIn(adminBrowser, "admin", IntegrationTest.ADMIN_PASSWORD);
		adminBrowser.driver().get(fixtures.parley() + "/console/users?q=" + alex);
		assertThat(text(adminBrowser, "[data-presence]")).isEqualTo("Away — disconnected");
		adminBrowser.screenshot("console-users-away-disconnected");

		// Alex is back: the console says the chat went back to the queue and that Alex is away until choosing.
		agentChrome.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
				"downloadThroughput", -1, "uploadThroughput", -1));
		agentBrowser.await("the chat shown as back in the queue", PATIENCE,
				d -> text(agentBrowser, "[data-chat-list]").contains("back in the queue"));
		agentBrowser.await("the away notice", d -> visible(d, "[data-away-disconnected]"));
		assertThat(attribute(agentBrowser, "[data-status=AWAY]", "aria-pressed")).isEqualTo("true");
		assertThat(text(agentBrowser, "[data-messages]")).contains("went back to the queue");
		assertThat(agentBrowser.driver().findElement(By.cssSelector("[data-text]")).isEnabled()).isFalse();
		agentBrowser.screenshot("console-agent-disconnected");

		// Sam takes the chat over and Dana sees what happened.
		HttpApi sam = HttpApi.basic(port, user(fixtures, "Sam Rivera", skill), PASSWORD);
		Answer available = sam.put("/api/v1/agent/status", Map.of("status", "AVAILABLE"));
		assertThat(available.status()).as(available.toString()).isEqualTo(200);
		intoWindow();
		customerBrowser.await("Sam joined", d -> "You are chatting with Sam Rivera".equals(text(customerBrowser,
				"#subtitle")));
		List<String> system = customerBrowser.script("return [...document.querySelectorAll('.log .msg.system .text')]"
				+ ".map(e => e.textContent)");
		assertThat(system).containsSubsequence("Alex Morgan joined the chat.", REQUEUED, "Sam Rivera joined the chat.");
		customer.switchTo().defaultContent();
		customerBrowser.screenshot("widget-requeued-continued");
	}

	private String user(WidgetFixtures fixtures, String displayName, String skill) {
		String username = "agent-" + UUID.randomUUID().toString().substring(0, 8);
		Answer created = fixtures.admin().post("/api/v1/users", Map.of("username", username, "displayName",
				displayName, "password", PASSWORD, "roles", List.of("AGENT"), "skills", List.of(skill),
				"maxConcurrentChats", 2));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return username;
	}

	private void logIn(Browser browser, String username) {
		logIn(browser, username, PASSWORD);
	}

	private void logIn(Browser browser, String username, String password) {
		WebDriver driver = browser.driver();
		driver.get("http://localhost:" + port + "/login");
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.xpath("//button[normalize-space()='Log in']")).click();
		browser.await("logged in", d -> d.getCurrentUrl().contains("/console/"));
	}

	private SearchContext widget() {
		return customerBrowser.await("the Parley element on the page",
				d -> d.findElements(By.cssSelector("parley-chat")).stream().findFirst().orElse(null)).getShadowRoot();
	}

	private WebElement button() {
		SearchContext shadow = widget();
		return customerBrowser.await("the Live Chat button",
				d -> shadow.findElements(By.cssSelector("button")).stream().findFirst().orElse(null));
	}

	private void intoWindow() {
		WebElement frame = customerBrowser.await("the chat window", d -> {
			List<WebElement> frames = widget().findElements(By.cssSelector("iframe"));
			return !frames.isEmpty() && frames.get(0).isDisplayed() ? frames.get(0) : null;
		});
		customerBrowser.driver().switchTo().frame(frame);
	}

	private static WebElement visible(WebDriver driver, String css) {
		return driver.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst()
			.orElse(null);
	}

	private static String text(Browser browser, String css) {
		return browser.script("const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : ''",
				css);
	}

	private static String attribute(Browser browser, String css, String name) {
		return browser.script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1])"
				+ " : null", css, name);
	}
}

package io.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.Browser;
import io.parley.BrowserHostSite;
import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.SwitchedOn;
import tools.jackson.databind.JsonNode;

/**
 * The widget in WebKit, Safari's engine (WebKitGTK's MiniBrowser through WebKitWebDriver), switched on by
 * {@code PARLEY_TEST_WEBKIT=1}: on a shop's page of another origin the loader draws the button in the profile's
 * corner, the window opens, the customer fills the V2 pre-chat form and chats with an agent who works through the
 * agent HTTP API, markup in a message stays text, and {@code Parley.close()} hides the window.
 */
@IntegrationTest
@SwitchedOn(value = Browser.WEBKIT_SWITCH, equalTo = "1", needs = Browser.WEBKIT_NEEDS)
class WidgetWebKitBrowserIntegrationTest {

	static Browser browser;
	static BrowserHostSite shop;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		Browser.requireWebKit();
		browser = Browser.startWebKit();
		shop = new BrowserHostSite();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
		if (shop != null) {
			shop.close();
		}
	}

	private SearchContext widget() {
		return browser.await("the Parley element on the page",
				d -> d.findElements(By.cssSelector("parley-chat")).stream().findFirst().orElse(null)).getShadowRoot();
	}

	private WebElement button() {
		SearchContext shadow = widget();
		return browser.await("the Live Chat button",
				d -> shadow.findElements(By.cssSelector("button")).stream().findFirst().orElse(null));
	}

	private WebElement frame() {
		return widget().findElement(By.cssSelector("iframe"));
	}

	private WebElement awaitElement(String what, String css) {
		return browser.await(what, d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed)
			.findFirst().orElse(null));
	}

	private List<String> bubbles(String who) {
		return browser.script("return [...document.querySelectorAll('.log .msg.' + arguments[0] + ' .text')]"
				+ ".map(e => e.textContent)", who);
	}

	private String text(String css) {
		return browser.script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null", css);
	}

	@Test
	void customerChatsWithAnAgentThroughTheWidgetInWebKit() {
		WidgetFixtures fixtures = new WidgetFixtures(port);
		String skill = "webkit-" + UUID.randomUUID().toString().substring(0, 8);
		String profile = fixtures.profile(fixtures.crossBrowserProfile());
		String poc = fixtures.pointOfContact(profile, skill, List.of(shop.origin()));
		HttpApi agent = fixtures.agent(skill, "Kim WebKit", 1);
		String[] cursor = { WidgetFixtures.feedHead(agent) };
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(200);

		browser.driver().get(shop.shopPage("/webkit-" + poc, fixtures.parley(), poc, false));
		assertThat((String) browser.script("return navigator.userAgent")).contains("AppleWebKit").doesNotContain("Chrome");

		// The button: the profile's label as its accessible name, in the profile's corner (bottom left).
		WebElement button = button();
		// WebKitWebDriver's element text misses text in an overflow:hidden box (the label's span): ask the page.
		assertThat((String) browser.script("return arguments[0].innerText", button)).isEqualTo("Talk to Lumen");
		assertThat(button.getAccessibleName()).isEqualTo("Talk to Lumen");
		Map<String, Object> rect = browser.script("const r = arguments[0].getBoundingClientRect();"
				+ " return {left: r.left, bottom: innerHeight - r.bottom, width: innerWidth, height: innerHeight};",
				button);
		assertThat(number(rect.get("left"))).as("gap to the left edge").isBetween(0.0, 40.0);
		assertThat(number(rect.get("bottom"))).as("gap to the bottom edge").isBetween(0.0, 40.0);
		assertThat(widget().findElements(By.cssSelector("iframe"))).as("no window before a click").isEmpty();

		button.click();
		assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");
		browser.await("the chat window", d -> frame().isDisplayed());
		browser.driver().switchTo().frame(frame());
		awaitElement("the pre-chat form", "#field-0");
		browser.driver().switchTo().defaultContent();
		// Keyboard: WebKit leaves focus on the button (it ignores focus() into another origin's frame without a
		// gesture there); Tab goes on into the window, which comes right after the button.
		new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
		browser.driver().switchTo().frame(frame());
		browser.await("focus inside the chat window after Tab", d -> Boolean.TRUE.equals(browser.script(
				"return document.hasFocus() && document.activeElement !== document.body")));
		type(awaitElement("the pre-chat form", "#field-0"), "Robin Safari");
		type(browser.driver().findElement(By.id("field-1")), "robin@example.com");
		browser.driver().findElement(By.cssSelector(".prechat button[type=submit]")).click();

		JsonNode assigned = WidgetFixtures.awaitAgentEvent(agent, cursor,
				e -> "ASSIGNED".equals(e.at("/type").asString()));
		String chat = assigned.at("/chatId").asString();
		assertThat(assigned.at("/preChat/name").asString()).isEqualTo("Robin Safari");
		assertThat(assigned.at("/preChat/email").asString()).isEqualTo("robin@example.com");
		awaitElement("the conversation", "section.conversation");
		browser.await("the agent's name", d -> "You are chatting with Kim WebKit".equals(text("#subtitle")));

		type(awaitElement("the message box", "#message"), "Hello from WebKit", Keys.ENTER);
		JsonNode message = WidgetFixtures.awaitAgentEvent(agent, cursor,
				e -> "MESSAGE".equals(e.at("/type").asString()) && "CUSTOMER".equals(e.at("/from").asString()));
		assertThat(message.at("/text").asString()).isEqualTo("Hello from WebKit");

		WidgetFixtures.say(agent, chat, "Hi Robin, how can I help?");
		browser.await("the agent's reply", d -> bubbles("agent").contains("Hi Robin, how can I help?"));
		String hostile = "<img src=x onerror=alert(1)> <script>alert(2)</script> Is this bold: <b>no</b>";
		WidgetFixtures.say(agent, chat, hostile);
		browser.await("the agent's message with markup", d -> bubbles("agent").contains(hostile));
		assertThat(browser.driver().findElements(By.cssSelector(".log img, .log script, .log b")))
			.as("markup is shown as text, not rendered").isEmpty();
		assertNoAlert();
		assertThat(bubbles("customer")).containsExactly("Hello from WebKit");
		// The screenshot shows what was last painted: let the window paint its new messages first.
		browser.asyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done))");
		browser.driver().switchTo().defaultContent();
		browser.screenshot("widget-webkit");

		browser.script("Parley.close()");
		browser.await("the window to close", d -> !frame().isDisplayed());
		assertThat(button.isDisplayed()).isTrue();
		assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("false");
		assertNoAlert();
		assertThat(fixtures.transcript(chat)).containsExactly("Hello from WebKit", "Hi Robin, how can I help?", hostile);
	}

	/**
	 * Types into a field of the chat window as a person does, clicking it first: WebKit lets WebDriver focus an
	 * element inside a frame of another origin only after a click there.
	 */
	private static void type(WebElement field, CharSequence... keys) {
		field.click();
		field.sendKeys(keys);
	}

	private static double number(Object value) {
		return ((Number) value).doubleValue();
	}

	private void assertNoAlert() {
		try {
			browser.driver().switchTo().alert();
			throw new AssertionError("A script from a message ran");
		}
		catch (NoAlertPresentException expected) {
			// Nothing ran.
		}
	}
}

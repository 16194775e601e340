package io.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.Browser;
import io.parley.BrowserHostSite;
import io.parley.IntegrationTest;
import io.parley.SwitchedOn;

/**
 * The Live Chat button and the chat window on a shop's page of another origin, in real Chromium: corners, looks,
 * opening and closing, the V1 logo, the V2 pre-chat form's own checks, and what happens when the configuration
 * cannot be loaded.
 */
@IntegrationTest
@SwitchedOn(value = Browser.SWITCH, equalTo = "1", needs = Browser.NEEDS)
class WidgetButtonBrowserIntegrationTest {

	static Browser browser;
	static BrowserHostSite shop;

	@LocalServerPort
	int port;

	WidgetFixtures fixtures;

	@BeforeAll
	static void startBrowser() {
		Browser.requireEnabled();
		browser = Browser.start();
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

	@BeforeEach
	void fixtures() {
		fixtures = new WidgetFixtures(port);
	}

	private String shopWith(String pointOfContact, boolean tall) {
		String path = "/shop-" + pointOfContact;
		return shop.shopPage(path, fixtures.parley(), pointOfContact, tall);
	}

	private SearchContext widget() {
		return browser.await("the Parley element on the page",
				d -> d.findElements(By.cssSelector("parley-chat")).stream().findFirst().orElse(null)).getShadowRoot();
	}

	private WebElement button() {
		SearchContext shadow = widget();
		return browser.await("the Live Chat button", d -> shadow.findElements(By.cssSelector("button")).stream()
			.findFirst().orElse(null));
	}

	private WebElement frame() {
		return widget().findElement(By.cssSelector("iframe"));
	}

	private Map<String, Object> rect(WebElement element) {
		return browser.script("const r = arguments[0].getBoundingClientRect();"
				+ " return {left: r.left, top: r.top, right: innerWidth - r.right, bottom: innerHeight - r.bottom,"
				+ " width: r.width, height: r.height};", element);
	}

	private static double number(Object value) {
		return ((Number) value).doubleValue();
	}

	@Test
	void buttonSitsInEachCornerOfTheViewportAndStaysThereWhileThePageScrolls() {
		Map<String, String> colours = Map.of("BOTTOM_RIGHT", "#0B5FFF", "BOTTOM_LEFT", "#1E7B34", "TOP_RIGHT",
				"#8E24AA", "TOP_LEFT", "#C62828");
		for (String corner : List.of("BOTTOM_RIGHT", "BOTTOM_LEFT", "TOP_RIGHT", "TOP_LEFT")) {
			// One label carries markup, which must show as typed; the others read like real ones.
			String label = corner.equals("TOP_LEFT") ? "Ask us <b>anything</b>"
					: corner.equals("BOTTOM_RIGHT") ? "Live Chat" : "Chat with us";
			String profile = fixtures.profile(Map.of("interfaceVersion", "V1", "appearance",
					Map.of("buttonPosition", corner, "buttonLabel", label, "primaryColor", colours.get(corner),
							"primaryTextColor", "#FFFFFF", "fontFamily", "Verdana, sans-serif")));
			String poc = fixtures.pointOfContact(profile, "sales", List.of(shop.origin()));
			browser.driver().get(shopWith(poc, true));

			WebElement button = button();
			assertThat(button.getText()).as("label as text, markup and all").isEqualTo(label);
			assertThat(button.getAccessibleName()).isEqualTo(label);
			assertThat(button.getCssValue("background-color")).isEqualTo(rgba(colours.get(corner)));
			assertThat(button.getCssValue("font-family")).startsWith("Verdana");
			assertThat(widget().findElements(By.cssSelector("iframe"))).as("no window before a click").isEmpty();

			Map<String, Object> before = rect(button);
			assertCorner(corner, before);
			browser.screenshot("widget-button-" + corner.toLowerCase().replace('_', '-'));
			browser.script("window.scrollTo(0, 2500)");
			assertThat(number(browser.script("return window.scrollY"))).isGreaterThan(2000);
			assertThat(rect(button)).as("after scrolling").isEqualTo(before);
		}
	}

	@Test
	void buttonAndWindowKeepTheProfilesOffsetFromTheirCorner() {
		String profile = fixtures.profile(Map.of("interfaceVersion", "V1", "appearance", Map.of("buttonPosition",
				"BOTTOM_LEFT", "buttonOffset", Map.of("x", 130, "y", 0))));
		String poc = fixtures.pointOfContact(profile, "sales", List.of(shop.origin()));
		browser.driver().get(shopWith(poc, false));
		WebElement button = button();
		Map<String, Object> placed = rect(button);
		assertThat(number(placed.get("left"))).as("pixels from the left edge").isEqualTo(130.0);
		assertThat(number(placed.get("bottom"))).as("pixels from the bottom edge").isEqualTo(0.0);
		browser.screenshot("widget-button-offset-130-0");
		button.click();
		Map<String, Object> window = rect(frame());
		assertThat(number(window.get("left"))).as("the window keeps the same side distance").isEqualTo(130.0);
		assertThat(number(window.get("bottom"))).as("the window opens above the button").isEqualTo(70.0);
	}

	private static void assertCorner(String corner, Map<String, Object> rect) {
		assertCorner(corner, rect, Browser.WIDTH, Browser.HEIGHT);
	}

	private static void assertCorner(String corner, Map<String, Object> rect, int width, int height) {
		double horizontal = number(rect.get(corner.endsWith("RIGHT") ? "right" : "left"));
		double vertical = number(rect.get(corner.startsWith("BOTTOM") ? "bottom" : "top"));
		assertThat(horizontal).as(corner + " horizontal gap").isBetween(0.0, 40.0);
		assertThat(vertical).as(corner + " vertical gap").isBetween(0.0, 40.0);
		double centreX = number(rect.get("left")) + number(rect.get("width")) / 2;
		double centreY = number(rect.get("top")) + number(rect.get("height")) / 2;
		assertThat(centreX > width / 2.0).as(corner + " in the right half").isEqualTo(corner.endsWith("RIGHT"));
		assertThat(centreY > height / 2.0).as(corner + " in the bottom half").isEqualTo(corner.startsWith("BOTTOM"));
	}

	private static String rgba(String hex) {
		Color color = Color.decode(hex);
		return "rgba(" + color.getRed() + ", " + color.getGreen() + ", " + color.getBlue() + ", 1)";
	}

	@Test
	void v1WindowShowsTheLogoAndTheProfilesLookAndClosesBackToTheButton() {
		String logo = fixtures.asset(WidgetFixtures.logo("Acme", new Color(0x1E7B34)));
		String profile = fixtures.profile(Map.of("interfaceVersion", "V1", "logoAssetId", logo, "appearance", WidgetFixtures.json(
				"primaryColor", "#1E7B34", "primaryTextColor", "#FFFFFF", "topBarColor", "#FFFFFF",
				"topBarTextColor", "#14532D", "agentBubbleColor", "#E8F5E9", "agentBubbleTextColor", "#14532D",
				"fontFamily", "Georgia, serif", "fontSize", "HUGE", "headerTitle", "Acme <i>Support</i>",
				"welcomeMessage", "Hello! Ask us anything about your order.", "buttonLabel", "Chat with Acme")));
		String poc = fixtures.pointOfContact(profile, "sales", List.of(shop.origin()));
		browser.driver().get(shopWith(poc, false));

		WebElement button = button();
		button.click();
		assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");
		WebElement frame = frame();
		assertThat(frame.isDisplayed()).isTrue();
		browser.driver().switchTo().frame(frame);
		try {
			WebElement header = browser.await("the window header", d -> d.findElement(By.cssSelector("header.top")));
			WebElement image = header.findElement(By.cssSelector("img.logo"));
			assertThat(image.getDomAttribute("src")).isEqualTo(fixtures.parley() + "/assets/" + logo);
			browser.await("the logo to load", d -> number(browser.script("return arguments[0].naturalWidth", image)) > 0);
			assertThat(header.findElement(By.tagName("h1")).getText()).isEqualTo("Acme <i>Support</i>");
			assertThat(header.getCssValue("background-color")).isEqualTo(rgba("#FFFFFF"));
			assertThat(header.getCssValue("color")).isEqualTo(rgba("#14532D"));
			WebElement welcome = browser.driver().findElement(By.cssSelector(".msg.welcome .bubble"));
			assertThat(welcome.getText()).isEqualTo("Hello! Ask us anything about your order.");
			assertThat(welcome.getCssValue("background-color")).isEqualTo(rgba("#E8F5E9"));
			assertThat(browser.driver().findElement(By.tagName("body")).getCssValue("font-family")).startsWith("Georgia");
			assertThat(browser.driver().findElement(By.tagName("html")).getCssValue("font-size")).isEqualTo("19px");
			assertThat(browser.driver().findElements(By.cssSelector("form.prechat"))).as("V1 has no form").isEmpty();
			WebElement box = browser.driver().findElement(By.id("message"));
			assertThat(box.getDomAttribute("aria-label")).isEqualTo("Message");
			browser.await("focus in the message box", d -> box.equals(d.switchTo().activeElement()));
			box.sendKeys("I have a question");
		}
		finally {
			browser.driver().switchTo().defaultContent();
		}
		browser.screenshot("widget-v1-window");

		browser.driver().switchTo().frame(frame());
		browser.driver().findElement(By.cssSelector("button[aria-label='Close chat window']")).click();
		browser.driver().switchTo().defaultContent();
		browser.await("the window to close", d -> !frame().isDisplayed());
		assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("false");
		assertThat((Object) browser.script("return document.activeElement.shadowRoot.activeElement === arguments[0]",
				button)).as("focus back on the button").isEqualTo(true);

		button.click();
		browser.await("the window to open again", d -> frame().isDisplayed());
		browser.driver().switchTo().frame(frame());
		assertThat(browser.driver().findElement(By.id("message")).getDomProperty("value"))
			.as("the same window, draft kept").isEqualTo("I have a question");
		browser.driver().switchTo().defaultContent();
		button.click();
		browser.await("a second click to close it", d -> !frame().isDisplayed());
	}

	@Test
	void pageScriptsOpenAndCloseTheWindowAndTheChoiceOutlivesANavigation() {
		String poc = fixtures.pointOfContact(null, "sales", List.of());
		browser.driver().get(shopWith(poc, false));
		WebElement button = button();
		browser.script("Parley.open()");
		browser.await("Parley.open() to show the window", d -> frame().isDisplayed());
		assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");

		browser.driver().findElement(By.id("next")).click();
		browser.await("the other page", d -> d.getCurrentUrl().endsWith("?page=2"));
		browser.await("the window to be open on the next page", d -> {
			List<WebElement> frames = widget().findElements(By.cssSelector("iframe"));
			return !frames.isEmpty() && frames.get(0).isDisplayed();
		});
		browser.script("Parley.close()");
		browser.await("Parley.close() to hide the window", d -> !frame().isDisplayed());
		browser.driver().navigate().refresh();
		button();
		assertThat(widget().findElements(By.cssSelector("iframe"))).as("closed stays closed").isEmpty();
	}

	@Test
	void onASmallScreenTheWindowFillsTheScreenAndClosesFromItsOwnControl() {
		String profile = fixtures.profile(Map.of("interfaceVersion", "V1", "appearance", Map.of(
				"primaryColor", "#B45309", "topBarColor", "#B45309", "headerTitle", "Bakery help",
				"welcomeMessage", "Fresh bread questions? Ask away.", "buttonLabel", "Ask the bakery")));
		String poc = fixtures.pointOfContact(profile, "sales", List.of(shop.origin()));
		browser.phone(390, 740);
		try {
			browser.driver().get(shopWith(poc, true));
			WebElement button = button();
			assertCorner("BOTTOM_RIGHT", rect(button), 390, 740);
			button.click();
			WebElement frame = browser.await("the window", d -> frame().isDisplayed() ? frame() : null);
			Map<String, Object> covered = rect(frame);
			assertThat(covered).containsEntry("left", 0L).containsEntry("top", 0L).containsEntry("right", 0L)
				.containsEntry("bottom", 0L);
			browser.driver().switchTo().frame(frame);
			browser.await("the message box", d -> d.findElement(By.id("message")))
				.sendKeys("Do you bake on Sundays?");
			browser.driver().switchTo().defaultContent();
			browser.screenshot("widget-mobile");
			browser.driver().switchTo().frame(frame);
			browser.driver().findElement(By.cssSelector("button[aria-label='Close chat window']")).click();
			browser.driver().switchTo().defaultContent();
			browser.await("the window to close", d -> !frame().isDisplayed());
			assertThat(button.isDisplayed()).isTrue();
		}
		finally {
			browser.phone(null, null);
		}
	}

	@Test
	void v2CustomersTextSizeContrastAndSoundChoicesOutliveAReload() {
		String profile = fixtures.profile(Map.of("interfaceVersion", "V2", "appearance", Map.of("fontSize", "SMALL")));
		String poc = fixtures.pointOfContact(profile, "sales", List.of(shop.origin()));
		browser.driver().get(shopWith(poc, false));
		button().click();
		browser.driver().switchTo().frame(frame());
		WebElement html = browser.await("the window", d -> d.findElement(By.tagName("html")));
		assertThat(html.getCssValue("font-size")).isEqualTo("13px");
		WebElement sounds = browser.driver().findElement(By.cssSelector("button[aria-label='Sounds']"));
		assertThat(sounds.getDomAttribute("aria-pressed")).as("sounds are off by default").isEqualTo("false");
		sounds.click();
		browser.driver().findElement(By.cssSelector("button[aria-label='Text size 100%']")).click();
		browser.driver().findElement(By.cssSelector("button[aria-label='Text size 115%']")).click();
		assertThat(html.getCssValue("font-size")).isEqualTo("16.9px");
		browser.driver().switchTo().defaultContent();

		browser.driver().navigate().refresh();
		browser.await("the window to reopen", d -> frame().isDisplayed());
		browser.driver().switchTo().frame(frame());
		try {
			assertThat(browser.await("the window", d -> d.findElement(By.cssSelector("button[aria-label='Sounds']")))
				.getDomAttribute("aria-pressed")).isEqualTo("true");
			assertThat(browser.driver().findElements(By.cssSelector("button[aria-label='Text size 130%']"))).hasSize(1);
			assertThat(browser.driver().findElement(By.tagName("html")).getCssValue("font-size")).isEqualTo("16.9px");
			assertThat(browser.driver().findElements(By.cssSelector("img.logo"))).as("V2: no header logo").isEmpty();
		}
		finally {
			browser.driver().switchTo().defaultContent();
		}
	}

	@Test
	void escapeInTheWindowClosesIt() {
		String poc = fixtures.pointOfContact(null, "sales", List.of());
		browser.driver().get(shopWith(poc, false));
		button().click();
		browser.driver().switchTo().frame(frame());
		WebElement box = browser.await("the message box", d -> d.findElement(By.id("message")));
		box.sendKeys(Keys.ESCAPE);
		browser.driver().switchTo().defaultContent();
		browser.await("Escape to close the window", d -> !frame().isDisplayed());
	}

	@Test
	void v2PreChatFormChecksEveryFieldBeforeStarting() {
		String profile = fixtures.profile(Map.of("interfaceVersion", "V2", "appearance", Map.of("primaryColor",
				"#6D28D9", "topBarColor", "#6D28D9", "headerTitle", "Talk to Sales"),
				"preChatForm", Map.of("enabled", true, "welcomeMessage", "Tell us a little about you.", "fields", List.of(
						Map.of("key", "name", "label", "Your name", "type", "TEXT", "required", true, "maxLength", 10),
						Map.of("key", "email", "label", "Email", "type", "EMAIL", "required", true),
						Map.of("key", "phone", "label", "Phone", "type", "PHONE", "required", false),
						Map.of("key", "seats", "label", "Team size", "type", "NUMBER", "required", false),
						Map.of("key", "start", "label", "Start date", "type", "DATE", "required", false),
						Map.of("key", "topic", "label", "Topic", "type", "SELECT", "required", true,
								"options", List.of("Pricing", "Demo <script>")),
						Map.of("key", "details", "label", "Details", "type", "TEXTAREA", "required", false),
						Map.of("key", "terms", "label", "I accept the terms", "type", "CHECKBOX", "required", true)))));
		String poc = fixtures.pointOfContact(profile, "sales", List.of(shop.origin()));
		browser.driver().get(shopWith(poc, false));
		button().click();
		browser.driver().switchTo().frame(frame());
		try {
			var d = browser.driver();
			WebElement name = browser.await("the pre-chat form", x -> x.findElement(By.id("field-0")));
			browser.await("focus in the first field", x -> name.equals(x.switchTo().activeElement()));
			assertThat(d.findElement(By.cssSelector("form.prechat .intro")).getText()).isEqualTo("Tell us a little about you.");
			assertThat(label(name)).isEqualTo("Your name *");
			assertThat(name.getDomAttribute("required")).isNotNull();
			assertThat(d.findElement(By.id("field-1")).getDomAttribute("type")).isEqualTo("email");
			assertThat(d.findElement(By.id("field-2")).getDomAttribute("type")).isEqualTo("tel");
			assertThat(d.findElement(By.id("field-4")).getDomAttribute("type")).isEqualTo("date");
			assertThat(d.findElement(By.id("field-5")).getTagName()).isEqualTo("select");
			assertThat(d.findElement(By.id("field-5")).getText()).contains("Demo <script>");
			assertThat(d.findElement(By.id("field-6")).getTagName()).isEqualTo("textarea");
			assertThat(d.findElement(By.id("field-7")).getDomAttribute("type")).isEqualTo("checkbox");

			name.sendKeys("Bartholomew Jones");
			d.findElement(By.id("field-1")).sendKeys("not-an-email");
			d.findElement(By.id("field-3")).sendKeys("twelve");
			d.findElement(By.cssSelector("form.prechat button[type=submit]")).click();

			assertThat(error(0)).startsWith("At most 10 characters");
			assertThat(error(1)).contains("email address");
			assertThat(error(2)).isEmpty();
			assertThat(error(3)).contains("number");
			assertThat(error(5)).contains("Choose");
			assertThat(error(7)).contains("Tick");
			assertThat(d.findElement(By.id("field-0")).getDomAttribute("aria-invalid")).isEqualTo("true");
			assertThat(name.getDomAttribute("aria-describedby")).isEqualTo("field-0-error");
			assertThat(d.switchTo().activeElement()).as("focus on the first problem").isEqualTo(name);
			d.findElement(By.cssSelector(".prechat")).click();
			browser.script("document.querySelector('.prechat').scrollTop = 0");
		}
		finally {
			browser.driver().switchTo().defaultContent();
		}
		browser.screenshot("widget-prechat-error");
	}

	// Chromedriver cannot compute accessible names inside a frame (stale element), so the label is read instead.
	private String label(WebElement control) {
		return browser.script("return [...arguments[0].labels].map(l => l.textContent).join(' ')", control);
	}

	private String error(int field) {
		WebElement error = browser.driver().findElement(By.id("field-" + field + "-error"));
		return browser.script("return arguments[0].hidden ? '' : arguments[0].textContent", error);
	}

	@Test
	void drawsNothingAndWarnsOnceWhenTheConfigurationCannotBeLoaded() {
		String elsewhere = fixtures.pointOfContact(null, "sales", List.of("https://elsewhere.example.com"));
		for (String poc : List.of(elsewhere, java.util.UUID.randomUUID().toString())) {
			String url = shop.page("/refused-" + poc, """
					<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
					<script>window.warnings = []; const warn = console.warn;
					console.warn = (...args) => { warnings.push(args.join(' ')); warn(...args); };</script></head>
					<body><h1>Shop</h1><script src="%s/widget/loader.js" data-poc="%s" async></script></body></html>
					""".formatted(fixtures.parley(), poc));
			browser.driver().get(url);
			List<?> warnings = browser.await("a warning", d -> {
				List<?> list = browser.script("return window.warnings");
				return list.isEmpty() ? null : list;
			});
			assertThat(warnings).hasSize(1);
			assertThat(warnings.get(0).toString()).startsWith("Parley:");
			assertThat(browser.driver().findElements(By.cssSelector("parley-chat"))).isEmpty();
			assertThat((Object) browser.script("return typeof window.Parley")).isEqualTo("object");
		}
	}
}

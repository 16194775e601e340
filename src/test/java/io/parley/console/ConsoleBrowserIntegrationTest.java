package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.Browser;
import io.parley.BrowserDelays;
import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.SwitchedOn;
import io.parley.accounts.TestTenants;
import io.parley.assets.TestImages;

/**
 * The console's journeys in real Chromium: logging in, creating a V2 profile with a pre-chat form and seeing it in
 * the live preview, assigning it from the profile's side and from the point of contact's, and finding the change in
 * the audit history by searching and by date. Each test has a tenant of its own with a named admin; the pages it
 * passes through are kept as {@code docs/screenshots/console-*.png}.
 */
@IntegrationTest
@SwitchedOn(value = Browser.SWITCH, equalTo = "1", needs = Browser.NEEDS)
class ConsoleBrowserIntegrationTest {

	static final String PASSWORD = "console-browser-password";

	static Browser browser;

	@Autowired
	TestTenants tenants;

	@LocalServerPort
	int port;

	HttpApi api;
	String username;

	@BeforeAll
	static void startBrowser() {
		Browser.requireEnabled();
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	/** A tenant whose admin has a person's name, as screenshots should show. */
	@BeforeEach
	void tenant() {
		String first = tenants.tenantWithAdmin(PASSWORD);
		HttpApi firstAdmin = HttpApi.basic(port, first, PASSWORD);
		username = "dana-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(firstAdmin.post("/api/v1/users", Map.of("username", username, "displayName", "Dana Whitfield",
				"password", PASSWORD, "roles", List.of("ADMIN"))).status()).isEqualTo(201);
		api = HttpApi.basic(port, username, PASSWORD);
	}

	@AfterEach
	void logOut() {
		browser.phone(null, null);
		browser.viewport(Browser.WIDTH, Browser.HEIGHT);
		browser.driver().manage().deleteAllCookies();
	}

	@Test
	void logsInSayingNothingAboutWhichPartWasWrongAndLogsOut() {
		WebDriver driver = browser.driver();
		driver.get(url("/login"));
		browser.screenshot("console-login");
		fillLogin(username, "not the password");
		assertThat(text("[role=alert]")).isEqualTo("The user name or password is not right.");
		browser.screenshot("console-login-failed");

		fillLogin(username, PASSWORD);
		browser.await("the chat profiles page", d -> d.getCurrentUrl().endsWith("/console/chat-profiles"));
		assertThat(text("h1")).isEqualTo("Chat profiles");
		assertThat(text(".whoami-name")).isEqualTo("Dana Whitfield");

		driver.findElement(By.xpath("//button[normalize-space()='Log out']")).click();
		browser.await("the login page", d -> d.getCurrentUrl().endsWith("/login?logout"));
		assertThat(text("[role=status]")).isEqualTo("You have logged out.");
	}

	@Test
	void createsAV2ProfileWithAPreChatFormAndSeesItInTheLivePreview() {
		logIn();
		WebDriver driver = browser.driver();
		driver.findElement(By.linkText("New chat profile")).click();
		browser.await("the editor", d -> d.findElements(By.id("f-name")).size() == 1);
		driver.findElement(By.id("f-name")).sendKeys("Sales chat");
		assertThat(driver.findElement(By.cssSelector("input[name=interfaceVersion][value=V2]")).isSelected()).isTrue();
		WebElement title = driver.findElement(By.id("f-appearance-headerTitle"));
		title.clear();
		title.sendKeys("Talk to sales");
		WebElement primary = driver.findElement(By.id("f-appearance-primaryColor"));
		primary.clear();
		primary.sendKeys("#0F766E");

		driver.findElement(By.id("f-preChatForm-enabled")).click();
		addField("Your email", "email", "EMAIL", true, null);
		addField("Topic", "topic", "SELECT", false, "Billing\nOrders\nReturns");

		// an image is uploaded as soon as it is chosen and shown as a thumbnail before anything is saved
		driver.findElement(By.id("f-waitingQueue-enabled")).click();
		driver.findElement(By.id("f-waitingQueue-logoAssetId")).sendKeys(image("logo.png", TestImages.png(120, 60)).toString());
		WebElement thumbnail = browser.await("the logo's thumbnail", d -> d.findElements(
				By.cssSelector("#f-waitingQueue-logoAssetId-field img[src^='/assets/']")).stream().findFirst().orElse(null));
		assertThat(thumbnail.getAttribute("alt")).isEqualTo("Waiting screen logo");

		// the live preview shows the unsaved form in the widget's own chat window
		driver.findElement(By.cssSelector("[data-state=prechat]")).click();
		browser.await("the preview showing the pre-chat form", d -> previewText().contains("Your email")
				&& previewText().contains("Talk to sales"));
		scrollTo("#prechat");
		browser.screenshot("console-chat-profile-builder");
		scrollTo(".preview-pane");
		browser.screenshot("console-live-preview-prechat-desktop");
		driver.findElement(By.cssSelector("[data-device=phone]")).click();
		browser.await("the phone preview", d -> previewText().contains("Your email"));
		browser.screenshot("console-live-preview-prechat-phone");
		driver.findElement(By.cssSelector("[data-device=desktop]")).click();
		driver.findElement(By.cssSelector("[data-state=button]")).click();
		browser.await("the preview's chat button", d -> browser.script("const f = document.querySelector("
				+ "'[data-preview-frame]'); const host = f.contentDocument && f.contentDocument.querySelector('parley-chat');"
				+ " return !!(host && host.shadowRoot && host.shadowRoot.querySelector('button'))"));
		browser.screenshot("console-live-preview-button");
		driver.findElement(By.cssSelector("[data-state=conversation]")).click();
		browser.await("the preview's conversation", d -> previewText().contains("Hi! How can we help?"));
		browser.screenshot("console-live-preview-conversation");

		driver.findElement(By.cssSelector("[data-save]")).click();
		browser.await("the saved profile", d -> d.findElements(By.cssSelector(".alert-success")).size() == 1);
		assertThat(text(".alert-success")).contains("Sales chat", "created");
		HttpApi.Answer saved = api.get("/api/v1/chat-profiles?q=Sales%20chat");
		var profile = saved.json().at("/items/0");
		assertThat(profile.at("/interfaceVersion").asString()).isEqualTo("V2");
		assertThat(profile.at("/appearance/primaryColor").asString()).isEqualTo("#0F766E");
		assertThat(profile.at("/preChatForm/fields/0/label").asString()).isEqualTo("Your email");
		assertThat(profile.at("/preChatForm/fields/0/required").asBoolean()).isTrue();
		assertThat(profile.at("/preChatForm/fields/1/options").size()).isEqualTo(3);
		assertThat(profile.at("/waitingQueue/enabled").asBoolean()).isTrue();
		assertThat(driver.findElement(By.cssSelector("#f-waitingQueue-logoAssetId-field img")).getAttribute("src"))
			.endsWith("/assets/" + profile.at("/waitingQueue/logoAssetId").asString());
		browser.script("window.scrollTo(0, 0)");
		browser.screenshot("console-chat-profile-editor");
		fullPage("console-chat-profile-editor-full");

		// a colour pair below WCAG AA is flagged while typing
		WebElement text = driver.findElement(By.id("f-appearance-primaryTextColor"));
		text.clear();
		text.sendKeys("#A7F3D0");
		browser.await("the contrast warning", d -> d.findElement(By.id("f-appearance-primaryTextColor-contrast")).isDisplayed());
		assertThat(text("#f-appearance-primaryTextColor-contrast")).contains("Low contrast", "4.5:1");
		scrollTo("#appearance");
		browser.screenshot("console-chat-profile-contrast-warning");
	}

	@Test
	void movesTheButtonAwayFromItsCornerInThePreviewAndSavesTheOffset() {
		logIn();
		WebDriver driver = browser.driver();
		driver.findElement(By.linkText("New chat profile")).click();
		browser.await("the editor", d -> d.findElements(By.id("f-name")).size() == 1);
		driver.findElement(By.id("f-name")).sendKeys("Offset chat");
		driver.findElement(By.cssSelector("[data-state=button]")).click();
		String buttonGap = "const f = document.querySelector('[data-preview-frame]');"
				+ " const host = f.contentDocument && f.contentDocument.querySelector('parley-chat');"
				+ " const b = host && host.shadowRoot && host.shadowRoot.querySelector('button');"
				+ " if (!b) { return null; } const r = b.getBoundingClientRect();"
				+ " return Math.round(f.contentWindow.innerWidth - r.right) + ',' + Math.round(f.contentWindow.innerHeight - r.bottom);";
		browser.await("the preview's button 20 px from its corner", d -> "20,20".equals(browser.script(buttonGap)));
		WebElement x = driver.findElement(By.id("f-appearance-buttonOffset-x"));
		assertThat(x.getDomAttribute("type")).isEqualTo("number");
		x.clear();
		x.sendKeys("96");
		WebElement y = driver.findElement(By.id("f-appearance-buttonOffset-y"));
		y.clear();
		y.sendKeys("48");
		browser.await("the preview's button moved with the unsaved offset", d -> "96,48".equals(browser.script(buttonGap)));
		scrollTo(".preview-pane");
		browser.screenshot("console-live-preview-button-offset");

		y.clear();
		y.sendKeys("201");
		driver.findElement(By.cssSelector("[data-save]")).click();
		browser.await("the refusal next to the input", d -> d.findElements(By.id("f-appearance-buttonOffset-y-error"))
			.size() == 1);
		assertThat(text("#f-appearance-buttonOffset-y-error")).contains("0 to 200");
		y = driver.findElement(By.id("f-appearance-buttonOffset-y"));
		y.clear();
		y.sendKeys("48");
		driver.findElement(By.cssSelector("[data-save]")).click();
		browser.await("the saved profile", d -> d.findElements(By.cssSelector(".alert-success")).size() == 1);
		var offset = api.get("/api/v1/chat-profiles?q=Offset%20chat").json().at("/items/0/appearance/buttonOffset");
		assertThat(offset.at("/x").asInt()).isEqualTo(96);
		assertThat(offset.at("/y").asInt()).isEqualTo(48);
	}

	@Test
	void previewsTheWaitingScreenAndTheEndedChatFromTheUnsavedSettings() {
		Map<String, Object> waiting = new java.util.LinkedHashMap<>(Map.of("enabled", true,
				"message", "Thanks for your patience.", "backgroundColor", "#F0FDFA", "textColor", "#134E4A",
				"showPosition", true, "showEstimatedWait", true));
		String id = api.post("/api/v1/chat-profiles", Map.of("name", "Northwind help", "interfaceVersion", "V2",
				"appearance", Map.of("headerTitle", "Northwind Help", "topBarColor", "#0F766E", "primaryColor", "#0F766E",
						"welcomeMessage", "Hi! We usually answer within a few minutes."),
				"waitingQueue", waiting)).json().at("/id").asString();
		logIn();
		WebDriver driver = browser.driver();
		// tall enough for the whole preview beside the waiting screen's settings
		browser.viewport(Browser.WIDTH, 1000);
		driver.get(url("/console/chat-profiles/" + id));

		// images and a message chosen in the editor, not saved: the preview shows them on the waiting screen
		driver.findElement(By.id("f-waitingQueue-logoAssetId")).sendKeys(
				image("northwind-logo.png", TestImages.logo("Northwind", new java.awt.Color(0x0F766E))).toString());
		String logo = thumbnail("f-waitingQueue-logoAssetId");
		driver.findElement(By.id("f-waitingQueue-heroImageAssetId")).sendKeys(
				image("northwind-hero.png", TestImages.hero(new java.awt.Color(0x14B8A6), new java.awt.Color(0x0F766E)))
					.toString());
		String hero = thumbnail("f-waitingQueue-heroImageAssetId");
		WebElement message = driver.findElement(By.id("f-waitingQueue-message"));
		message.clear();
		message.sendKeys("Thanks for waiting: an agent will be with you shortly. <b>Not bold</b>");
		String typed = "Thanks for waiting: an agent will be with you shortly. <b>Not bold</b>";

		driver.findElement(By.cssSelector("[data-state=queue]")).click();
		browser.await("the waiting screen with the unsaved message", d -> typed.equals(inPreview(
				"const r = doc.querySelector('.screen.queue .rotating'); return r ? r.textContent : null")));
		assertThat((String) inPreview("return doc.querySelector('.screen.queue .hero').getAttribute('src')")).isEqualTo(hero);
		assertThat((String) inPreview("return doc.querySelector('.screen.queue .queue-logo').getAttribute('src')"))
			.isEqualTo(logo);
		browser.await("the hero image loaded", d -> Boolean.TRUE.equals(inPreview(
				"const i = doc.querySelector('.hero'); return i.complete && i.naturalWidth === 600")));
		assertThat((String) inPreview("return getComputedStyle(doc.querySelector('.screen.queue')).backgroundColor"))
			.isEqualTo("rgb(240, 253, 250)");
		assertThat((String) inPreview("return getComputedStyle(doc.querySelector('.screen.queue')).color"))
			.isEqualTo("rgb(19, 78, 74)");
		assertThat((Long) inPreview("return doc.querySelectorAll('.rotating b').length")).isZero();
		assertThat(previewText()).contains("Estimated wait: about 4 minutes.", "Leave the queue", "Waiting for an agent…");
		assertThat(text("[data-preview-note]")).startsWith("Shows the waiting screen, with a sample place in the queue,");
		scrollTo("#waiting");
		browser.screenshot("console-preview-queue");
		// the message alternates with the place in the queue, as customers see it
		browser.await("the place in the queue", d -> "There are 2 contacts ahead of you.".equals(inPreview(
				"return doc.querySelector('.rotating').textContent")));
		browser.await("the message again", d -> typed.equals(inPreview("return doc.querySelector('.rotating').textContent")));
		driver.findElement(By.cssSelector("[data-device=phone]")).click();
		browser.await("the phone's waiting screen", d -> typed.equals(inPreview(
				"const r = doc.querySelector('.screen.queue .rotating'); return r ? r.textContent : null"))
				&& Boolean.TRUE.equals(inPreview("const i = doc.querySelector('.hero'); return i.complete && i.naturalWidth > 0")));
		browser.screenshot("console-preview-queue-phone");
		driver.findElement(By.cssSelector("[data-device=desktop]")).click();

		// the ended chat: sample messages, then the notice and the way to start again
		driver.findElement(By.cssSelector("[data-state=ended]")).click();
		browser.await("the ended chat", d -> previewText().contains("Alex ended the chat."));
		assertThat(previewText()).contains("Hi! We usually answer within a few minutes.",
				"Hello, I have a question about my order.", "Alex joined the chat.", "This chat has ended.",
				"Start a new chat");
		assertThat((Boolean) inPreview("return doc.querySelector('.composer').hidden")).isTrue();
		assertThat(text("[data-preview-note]")).startsWith("Shows the ended chat, with sample messages,");
		browser.screenshot("console-preview-ended");

		// the preview asked the chat service nothing
		assertThat((Long) inPreview("return frame.contentWindow.performance.getEntriesByType('resource')"
				+ ".filter(e => e.name.includes('/widget/v1/')).length")).isZero();

		// with the waiting screen off, or on V1 (which has none), customers wait in the conversation
		driver.findElement(By.cssSelector("[data-state=queue]")).click();
		driver.findElement(By.id("f-waitingQueue-enabled")).click();
		browser.await("waiting without the waiting screen", d -> text("[data-preview-note]")
			.startsWith("The waiting screen is off for this profile: customers wait in the conversation"));
		browser.await("the conversation while waiting", d -> "Waiting for an agent · There are 2 contacts ahead of you."
			.equals(inPreview("const s = doc.getElementById('subtitle'); return s ? s.textContent : null")));
		browser.script("window.scrollTo(0, 0)");
		driver.findElement(By.cssSelector("input[data-interface-version][value=V1]")).click();
		browser.await("the V1 note", d -> text("[data-preview-note]").startsWith("V1 profiles have no waiting screen"));
		assertThat(driver.findElement(By.cssSelector("[data-state=queue]")).isDisplayed()).isTrue();
		assertThat(driver.findElement(By.cssSelector("[data-state=prechat]")).isDisplayed()).isFalse();
		browser.await("V1 waiting in the conversation", d -> Boolean.TRUE.equals(inPreview(
				"return doc.documentElement.classList.contains('v1') && !doc.querySelector('.screen.queue')"
						+ " && doc.getElementById('subtitle').textContent === 'Waiting for an agent · There are 2 contacts ahead of you.'")));
		assertThat(previewText()).contains("Hello, I have a question about my order.", "End chat");
	}

	@Test
	void anImageOverTheLimitIsRefusedAtItsFieldAndDoesNotTravelWithTheSavedForm() {
		logIn();
		WebDriver driver = browser.driver();
		driver.get(url("/console/chat-profiles/new"));
		driver.findElement(By.id("f-name")).sendKeys("Big picture");
		driver.findElement(By.id("f-waitingQueue-enabled")).click();
		WebElement hero = driver.findElement(By.id("f-waitingQueue-heroImageAssetId"));
		hero.sendKeys(image("big-hero.png", TestImages.noisyPng(700, 700, 31)).toString());
		browser.await("the refusal at the hero image", d -> text("#f-waitingQueue-heroImageAssetId-error").contains("1 MiB"));
		assertThat(hero.getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(hero.getAttribute("value")).isEmpty();

		driver.findElement(By.cssSelector("[data-save]")).click();
		browser.await("the saved profile", d -> d.findElements(By.cssSelector(".alert-success")).size() == 1);
		assertThat(text(".alert-success")).contains("Big picture", "created");
	}

	@Test
	void assignsAProfileFromTheProfileSideAndFromThePointOfContactSide() {
		String profile = api.post("/api/v1/chat-profiles", Map.of("name", "Support chat", "interfaceVersion", "V2"))
			.json().at("/id").asString();
		String other = api.post("/api/v1/chat-profiles", Map.of("name", "Holiday campaign", "interfaceVersion", "V1"))
			.json().at("/id").asString();
		String shop = poc("Web shop", "sales", other);
		String help = poc("Help center", "support", null);
		poc("Partner portal", "partners", null);
		logIn();
		WebDriver driver = browser.driver();

		driver.get(url("/console/chat-profiles/" + profile + "/points-of-contact"));
		assertThat(text("#assigned-title")).isEqualTo("Assigned (0)");
		driver.findElement(By.cssSelector("button[aria-label='Add Web shop']")).click();
		browser.await("Web shop assigned", d -> text(".alert-success").contains("Web shop"));
		assertThat(text("#assigned-title")).isEqualTo("Assigned (1)");
		assertThat(chatProfileOf(shop)).isEqualTo(profile);
		browser.screenshot("console-chat-profile-points-of-contact");

		driver.get(url("/console/points-of-contact/" + help));
		new Select(driver.findElement(By.id("f-chatProfileId"))).selectByVisibleText("Support chat");
		driver.findElement(By.xpath("//button[normalize-space()='Save']")).click();
		browser.await("the saved point of contact", d -> d.findElements(By.cssSelector(".alert-success")).size() == 1);
		assertThat(chatProfileOf(help)).isEqualTo(profile);
		assertThat(driver.findElement(By.cssSelector(".facts")).getText()).contains("Support chat");
		assertThat(text("#embed-snippet")).isEqualTo("<script src=\"" + url("") + "/widget/loader.js\" data-poc=\""
				+ help + "\" async></script>");
		browser.screenshot("console-point-of-contact");

		driver.get(url("/console/points-of-contact"));
		browser.screenshot("console-points-of-contact");
		driver.get(url("/console/chat-profiles"));
		browser.screenshot("console-chat-profiles");
		driver.get(url("/console/chat-profiles/" + profile + "/delete"));
		assertThat(text("h2")).contains("still serves 2 points of contact");
		browser.screenshot("console-chat-profile-delete-refused");
	}

	@Test
	void findsAChangeInTheAuditHistoryBySearchingAndByDate() {
		String profile = api.post("/api/v1/chat-profiles", Map.of("name", "Audited chat", "interfaceVersion", "V2"))
			.json().at("/id").asString();
		var current = api.get("/api/v1/chat-profiles/" + profile).json();
		((tools.jackson.databind.node.ObjectNode) current.get("appearance")).put("headerTitle", "We answer in minutes");
		((tools.jackson.databind.node.ObjectNode) current.get("appearance")).put("primaryColor", "#7C3AED");
		String logo = api.send("POST", "/api/v1/assets", io.parley.assets.Multipart.file("northwind-logo.png",
				"image/png", TestImages.logo("Northwind", new java.awt.Color(0x0F766E))),
				io.parley.assets.Multipart.CONTENT_TYPE).json().at("/id").asString();
		((tools.jackson.databind.node.ObjectNode) current).set("waitingQueue", HttpApi.JSON.valueToTree(
				Map.of("enabled", true, "message", "An agent is on the way", "logoAssetId", logo)));
		assertThat(api.put("/api/v1/chat-profiles/" + profile, current).status()).isEqualTo(200);
		String poc = poc("Checkout", "sales", null);
		api.put("/api/v1/points-of-contact/" + poc + "/chat-profile", Map.of("chatProfileId", profile));
		logIn();
		WebDriver driver = browser.driver();

		driver.get(url("/console/chat-profiles/" + profile + "/audit"));
		assertThat(driver.findElement(By.cssSelector(".summary-grid")).getText()).contains("CREATED BY", username);
		WebElement search = driver.findElement(By.id("f-q"));
		search.sendKeys("minutes");
		driver.findElement(By.xpath("//button[normalize-space()='Apply']")).click();
		browser.await("the filtered history", d -> d.getCurrentUrl().contains("q=minutes"));
		String table = text(".audit-table tbody");
		// the update that holds the text, not the creation before it
		// the update's header title: not its other fields, nor the creation before it
		assertThat(table).contains("Appearance › Header title", "We answer in minutes", "Updated").doesNotContain(
				"Created", "Primary color", "Button label");
		assertThat(driver.findElement(By.cssSelector(".audit-table .field-label")).getAttribute("title"))
			.isEqualTo("appearance.headerTitle");
		browser.screenshot("console-audit-search");

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		driver.findElement(By.linkText("Reset")).click();
		browser.await("the filters reset", d -> d.getCurrentUrl().endsWith("/audit"));
		setDate("f-from", today.minusYears(1));
		setDate("f-to", today.minusMonths(2));
		driver.findElement(By.xpath("//button[normalize-space()='Apply']")).click();
		browser.await("the range applied", d -> d.getCurrentUrl().contains("from=" + today.minusYears(1)));
		assertThat(text(".empty")).contains("No changes match");
		setDate("f-from", today);
		setDate("f-to", today);
		driver.findElement(By.xpath("//button[normalize-space()='Apply']")).click();
		browser.await("today applied", d -> d.getCurrentUrl().contains("from=" + today + "&"));
		assertThat(text(".audit-table tbody")).contains("#7C3AED");
		assertThat(text(".audit-table tbody")).contains("Assigned", "Point of contact", "Checkout");
		// the waiting screen's logo as a thumbnail of the image, its id on hover
		WebElement thumbnail = driver.findElement(By.cssSelector(".audit-table img.thumbnail"));
		assertThat(thumbnail.getAttribute("src")).endsWith("/assets/" + logo);
		assertThat(thumbnail.getAttribute("title")).isEqualTo(logo);
		assertThat((Boolean) browser.script("return arguments[0].complete && arguments[0].naturalWidth > 0", thumbnail))
			.as("the thumbnail loaded").isTrue();
		browser.script("window.scrollTo(0, 0)");
		fullPage("console-audit-tab");

		// a whole section, chosen by its label
		new Select(driver.findElement(By.id("f-field"))).selectByVisibleText("Waiting queue (all)");
		driver.findElement(By.xpath("//button[normalize-space()='Apply']")).click();
		browser.await("the waiting queue's rows", d -> d.getCurrentUrl().contains("field=waitingQueue"));
		assertThat(text(".audit-table tbody")).contains("Waiting queue › Waiting message", "An agent is on the way",
				"Waiting queue › Logo").doesNotContain("Header title", "Assigned");

		driver.get(url("/console/audit"));
		new Select(driver.findElement(By.id("f-type"))).selectByVisibleText("Point of contact");
		driver.findElement(By.xpath("//button[normalize-space()='Apply']")).click();
		browser.await("the point of contact rows", d -> d.getCurrentUrl().contains("type=POINT_OF_CONTACT"));
		assertThat(text(".audit-table tbody")).contains("Checkout").doesNotContain("Header title");
		driver.get(url("/console/audit"));
		browser.screenshot("console-audit");
	}

	@Test
	void screenshotsOfUsersAndTokens() {
		String agent = "sam-" + UUID.randomUUID().toString().substring(0, 6);
		api.post("/api/v1/users", Map.of("username", agent, "displayName", "Sam Rivera", "password", PASSWORD, "roles",
				List.of("AGENT"), "skills", List.of("sales", "returns"), "maxConcurrentChats", 3));
		api.post("/api/v1/users", Map.of("username", "lee-" + agent, "displayName", "Lee Chen", "password", PASSWORD,
				"roles", List.of("AGENT", "ADMIN"), "skills", List.of("support"), "maxConcurrentChats", 5));
		logIn();
		WebDriver driver = browser.driver();
		driver.get(url("/console/users"));
		assertThat(text(".data tbody")).contains("Sam Rivera", "sales, returns", "Dana Whitfield");
		browser.screenshot("console-users");
		driver.findElement(By.linkText("Sam Rivera")).click();
		browser.await("the user page", d -> text("h1").equals("Sam Rivera"));
		browser.screenshot("console-user");
		driver.get(url("/console/api-tokens"));
		driver.findElement(By.id("f-name")).sendKeys("CI deployment");
		driver.findElement(By.xpath("//button[normalize-space()='Create token']")).click();
		browser.await("the new token", d -> text("#new-token").startsWith("pat_"));
		browser.screenshot("console-api-tokens");
	}

	/**
	 * The agent's day over the feed WebSocket: new chats and customers' messages arrive with a sound, an unread count
	 * on the chat and a count in the title until the agent opens the chat; the agent answers with Enter, sees the
	 * customer typing, and a dropped socket resumes where it was without losing or doubling a message.
	 */
	@Test
	void anAgentFollowsChatsOverTheWebSocketWithUnreadCountsATitleBadgeAndSounds() {
		String agent = agent("Sam Rivera", "sales");
		String shop = poc("Web shop", "sales", preChatProfile());
		ChromeDriver chrome = (ChromeDriver) browser.driver();
		// Counts the tones the page plays and keeps the sockets it opens, calling through to the browser's own.
		Object instruments = chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				window.parleyTones = 0;
				const start = OscillatorNode.prototype.start;
				OscillatorNode.prototype.start = function (...args) { window.parleyTones++; return start.apply(this, args); };
				window.parleySockets = [];
				const Socket = window.WebSocket;
				window.WebSocket = class extends Socket {
				  constructor(...args) { super(...args); window.parleySockets.push(this); }
				};"""));
		try {
			logIn(agent);
			WebDriver driver = browser.driver();
			browser.await("the agent console", d -> d.getCurrentUrl().endsWith("/console/agent"));
			awaitTransport("websocket");
			assertThat(driver.getTitle()).isEqualTo("Agent · Parley");
			driver.findElement(By.cssSelector("[data-status=AVAILABLE]")).click();
			browser.await("available", d -> "true".equals(d.findElement(By.cssSelector("[data-status=AVAILABLE]"))
				.getDomAttribute("aria-pressed")));

			Customer maya = startChat(shop, "Maya Lopez", "maya@example.com");
			maya.say("Hi! My order #1042 has not arrived yet.");
			browser.await("Maya's chat with her message unread", d -> "1".equals(unread(maya.chatId)));
			assertThat(unreadLabel(maya.chatId)).isEqualTo("1 unread message");
			browser.await("the title badge", d -> d.getTitle().equals("(1) Agent · Parley"));
			browser.await("a sound for the new chat", d -> tones() > 0);
			openChat(maya.chatId);
			browser.await("Maya's message", d -> text("[data-messages]").contains("#1042"));
			assertThat(unread(maya.chatId)).isNull();
			assertThat(driver.getTitle()).isEqualTo("Agent · Parley");

			Customer jonas = startChat(shop, "Jonas Berg", "jonas@example.com");
			browser.await("Jonas's new chat", d -> "New".equals(unread(jonas.chatId)));
			browser.await("the title counting the new chat", d -> d.getTitle().equals("(1) Agent · Parley"));
			long tonesBefore = tones();
			jonas.say("Do you ship to Norway?");
			jonas.say("And how long does it take?");
			browser.await("two unread messages while Maya's chat is open", d -> "2".equals(unread(jonas.chatId)));
			assertThat(unreadLabel(jonas.chatId)).isEqualTo("2 unread messages");
			browser.await("the title badge", d -> d.getTitle().equals("(2) Agent · Parley"));
			browser.await("a sound for the message", d -> tones() > tonesBefore);
			assertThat(text("[data-conversation-title]")).startsWith("Maya Lopez");
			browser.screenshot("console-agent-unread");

			openChat(jonas.chatId);
			browser.await("Jonas's messages", d -> text("[data-messages]").contains("how long"));
			assertThat(unread(jonas.chatId)).isNull();
			assertThat(driver.getTitle()).isEqualTo("Agent · Parley");
			assertThat(text("[data-prechat]")).contains("Jonas Berg", "jonas@example.com");
			WebElement reply = driver.findElement(By.cssSelector("[data-text]"));
			reply.sendKeys("Yes, we do! Delivery to Norway takes 3–5 working days.");
			reply.sendKeys(Keys.ENTER);
			browser.await("the reply at the customer's", d -> jonas.events().contains("Delivery to Norway"));
			browser.await("the reply shown as sent", d -> !text("[data-messages]").contains("sending"));
			jonas.typing(true);
			browser.await("the customer typing", d -> d.findElement(By.cssSelector("[data-typing]")).isDisplayed());
			browser.screenshot("console-agent");

			// The socket drops (a proxy, a network change): the page opens another after the last event it applied.
			long sockets = browser.<Number>script("return window.parleySockets.length").longValue();
			browser.script("window.parleySockets[window.parleySockets.length - 1].close()");
			jonas.say("Great, thanks!");
			jonas.say("Can I pay by invoice?");
			browser.await("the messages after the reconnect", d -> text("[data-messages]").contains("invoice"));
			assertThat(browser.<Number>script("return window.parleySockets.length").longValue()).isGreaterThan(sockets);
			assertThat(browser.<String>script("return window.parleySockets[window.parleySockets.length - 1].url"))
				.contains("/console/agent/stream?after=");
			awaitTransport("websocket");
			assertThat(bubbles()).containsExactly("Do you ship to Norway?", "And how long does it take?",
					"Yes, we do! Delivery to Norway takes 3–5 working days.", "Great, thanks!", "Can I pay by invoice?");

			// Sound off stays off after a reload; the counts still come.
			WebElement sound = driver.findElement(By.cssSelector("[data-sound]"));
			assertThat(sound.getDomAttribute("aria-pressed")).isEqualTo("true");
			assertThat(sound.getAccessibleName()).isEqualTo("Sound");
			sound.click();
			driver.navigate().refresh();
			awaitTransport("websocket");
			assertThat(driver.findElement(By.cssSelector("[data-sound]")).getDomAttribute("aria-pressed")).isEqualTo("false");
			assertThat(text("[data-sound-state]")).isEqualTo("off");
			driver.findElement(By.cssSelector("[data-chat='" + jonas.chatId + "']")).click();
			maya.say("Any news?");
			browser.await("Maya's new message counted", d -> "1".equals(unread(maya.chatId)));
			assertThat(tones()).isZero();
			driver.findElement(By.cssSelector("[data-sound]")).click();
			assertThat(driver.findElement(By.cssSelector("[data-sound]")).getDomAttribute("aria-pressed")).isEqualTo("true");

			// The agent ends Jonas's chat: it stays, read-only, until the agent closes the conversation.
			openChat(jonas.chatId);
			driver.findElement(By.cssSelector("[data-end]")).click();
			browser.await("the chat ended", d -> text("[data-messages]").contains("The chat has ended."));
			assertThat(driver.findElement(By.cssSelector("[data-text]")).isEnabled()).isFalse();
			assertThat(driver.findElements(By.cssSelector("[data-chat='" + jonas.chatId + "']"))).hasSize(1);
			WebElement close = driver.findElement(By.cssSelector("[data-dismiss]"));
			assertThat(close.getAccessibleName()).isEqualTo("Close conversation");
			close.click();
			browser.await("the ended chat gone from the list",
					d -> d.findElements(By.cssSelector("[data-chat='" + jonas.chatId + "']")).isEmpty());
			assertThat(driver.findElements(By.cssSelector("[data-chat='" + maya.chatId + "']"))).hasSize(1);
			assertThat(driver.findElement(By.cssSelector("[data-conversation-body]")).isDisplayed()).isFalse();
		}
		finally {
			chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
					Map.of("identifier", ((Map<?, ?>) instruments).get("identifier")));
		}
	}

	/** Where WebSockets do not get through (a proxy refusing them), the console follows the feed by long poll. */
	@Test
	void anAgentFollowsChatsByLongPollWhenWebSocketsAreBlocked() {
		String agent = agent("Robin Poll", "returns");
		String desk = poc("Returns desk", "returns", preChatProfile());
		ChromeDriver chrome = (ChromeDriver) browser.driver();
		Object blocker = chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				window.WebSocket = class { constructor() { throw new DOMException('Blocked by a proxy', 'SecurityError'); } };"""));
		try {
			logIn(agent);
			WebDriver driver = browser.driver();
			awaitTransport("long-poll");
			driver.findElement(By.cssSelector("[data-status=AVAILABLE]")).click();
			Customer kim = startChat(desk, "Kim Park", "kim@example.com");
			kim.say("I'd like to return a jacket.");
			browser.await("Kim's chat by long poll", d -> "1".equals(unread(kim.chatId)));
			browser.await("the title badge", d -> d.getTitle().equals("(1) Agent · Parley"));
			openChat(kim.chatId);
			browser.await("Kim's message", d -> text("[data-messages]").contains("return a jacket"));
			kim.say("It's order #2210.");
			browser.await("the next message", d -> text("[data-messages]").contains("#2210"));
			WebElement reply = driver.findElement(By.cssSelector("[data-text]"));
			reply.sendKeys("Sure, I'll send you a return label.");
			reply.sendKeys(Keys.ENTER);
			browser.await("the reply at the customer's", d -> kim.events().contains("return label"));
			browser.await("the reply shown as sent", d -> !text("[data-messages]").contains("sending"));
			assertThat(bubbles()).containsExactly("I'd like to return a jacket.", "It's order #2210.",
					"Sure, I'll send you a return label.");
			assertThat(browser.driver().findElement(By.cssSelector("[data-agent-console]")).getDomAttribute(
					"data-transport")).isEqualTo("long-poll");
		}
		finally {
			chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
					Map.of("identifier", ((Map<?, ?>) blocker).get("identifier")));
		}
	}

	/** The texts of a chat's transcript as stored, oldest first. */
	private List<String> stored(String chatId) {
		List<String> texts = new java.util.ArrayList<>();
		api.get("/api/v1/chats/" + chatId + "/transcript").json().at("/messages")
			.forEach(m -> texts.add(m.at("/text").asString()));
		return texts;
	}

	/** An agent logged in and available, with a customer's chat open; answers the customer. */
	private Customer agentWithChat(String agentName, String skill, String customerName, String opening) {
		String agent = agent(agentName, skill);
		String desk = poc(customerName + "'s desk", skill, preChatProfile());
		logIn(agent);
		awaitTransport("websocket");
		browser.driver().findElement(By.cssSelector("[data-status=AVAILABLE]")).click();
		browser.await("available", d -> "true".equals(d.findElement(By.cssSelector("[data-status=AVAILABLE]"))
			.getDomAttribute("aria-pressed")));
		Customer customer = startChat(desk, customerName, customerName.toLowerCase().replace(' ', '.') + "@example.com");
		customer.say(opening);
		browser.await("the new chat", d -> "1".equals(unread(customer.chatId)));
		openChat(customer.chatId);
		browser.await("the customer's message", d -> bubbles().contains(opening));
		return customer;
	}

	/**
	 * Agent and customer write at the same moment: the agent's reply is still on its way when the customer's message
	 * is stored and shown. The reply, shown at once as sending, then takes its place after the customer's message.
	 */
	@Test
	void anAgentsReplyTakesItsStoredPlaceOnceAcknowledged() {
		try (BrowserDelays delays = BrowserDelays.install(browser)) {
			Customer ines = agentWithChat("Omar Order", "orders", "Ines Duarte", "Hi, is my order packed?");
			delays.holdSends();
			WebElement reply = browser.driver().findElement(By.cssSelector("[data-text]"));
			reply.sendKeys("Let me look it up.", Keys.ENTER);
			browser.await("the reply shown as sending", d -> text("[data-messages]").contains("sending"));
			ines.say("It is order #3301.");
			browser.await("the customer's message", d -> bubbles().contains("It is order #3301."));
			assertThat(delays.releaseSends()).isEqualTo(1);
			browser.await("the reply acknowledged", d -> !text("[data-messages]").contains("sending"));
			List<String> stored = stored(ines.chatId);
			assertThat(stored).containsExactly("Hi, is my order packed?", "It is order #3301.", "Let me look it up.");
			assertThat(bubbles()).as("the console shows the stored order").containsExactlyElementsOf(stored);
		}
	}

	/** A feed event that reaches the console after a later one is shown at its own place, not dropped or put last. */
	@Test
	void anAgentSeesMessagesInTheStoredOrderWhenTheyArriveOutOfOrder() {
		try (BrowserDelays delays = BrowserDelays.install(browser)) {
			Customer piet = agentWithChat("Lars Late", "late", "Piet Vos", "Hello!");
			delays.overtake("My parcel is late.");
			piet.say("My parcel is late.");
			piet.say("It was due on Monday.");
			browser.await("the later message", d -> bubbles().contains("It was due on Monday."));
			assertThat(delays.overtaken()).isEqualTo(1);
			List<String> stored = stored(piet.chatId);
			assertThat(stored).containsExactly("Hello!", "My parcel is late.", "It was due on Monday.");
			assertThat(bubbles()).as("the console shows the stored order").containsExactlyElementsOf(stored);
		}
	}

	/**
	 * A reply written while Parley is away is kept, shown as sending, through a reload, and sent once Parley is
	 * back: once, even when the answer to a send that got through is lost on the way and the send is made again.
	 */
	@Test
	void keepsAReplyWrittenWhileParleyIsAwayAndSendsItOnceWhenItIsBack() {
		ChromeDriver chrome = (ChromeDriver) browser.driver();
		try (BrowserDelays delays = BrowserDelays.install(browser)) {
			Customer rosa = agentWithChat("Nina Outbox", "billing", "Rosa Klein", "Is my invoice ready?");
			String text = "Yes, I will send it to you in a minute.";
			chrome.executeCdpCommand("Network.enable", Map.of());
			chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls",
					List.of("*/console/agent/api/*", "*/console/agent/stream*")));
			WebElement reply = browser.driver().findElement(By.cssSelector("[data-text]"));
			reply.sendKeys(text, Keys.ENTER);
			browser.await("the reply shown as sending", d -> text("[data-messages]").contains(text)
					&& text("[data-messages]").contains("sending"));
			browser.screenshot("console-agent-outbox");

			// The agent reloads while Parley is still away: the reply stays in this browser.
			browser.driver().navigate().refresh();
			String kept = browser.script("return localStorage.getItem('parley.agent.outbox.' + arguments[0])",
					rosa.chatId);
			assertThat(kept).as("the reply kept in the browser through a reload").contains(text);

			// Parley is back, but the answer to the first send is lost on the way: the reply is sent again, once.
			delays.loseAnswers(1);
			chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
			browser.await("the reply at the customer's", Duration.ofSeconds(60), d -> rosa.events().contains(text));
			openChat(rosa.chatId);
			browser.await("the reply shown as sent", Duration.ofSeconds(60), d -> bubbles().contains(text)
					&& !text("[data-messages]").contains("sending"));
			assertThat(stored(rosa.chatId)).containsExactly("Is my invoice ready?", text);
			assertThat(bubbles()).containsExactly("Is my invoice ready?", text);
			assertThat(browser.<Object>script("return localStorage.getItem('parley.agent.outbox.' + arguments[0])",
					rosa.chatId)).isNull();
		}
		finally {
			chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
			chrome.executeCdpCommand("Network.disable", Map.of());
		}
	}

	/** A customer of a chat started through the widget's API. */
	record Customer(String chatId, HttpApi api) {

		void say(String text) {
			HttpApi.Answer said = api.post("/widget/v1/chats/" + chatId + "/messages",
					Map.of("clientMessageId", UUID.randomUUID().toString(), "text", text));
			assertThat(said.status()).as(said.toString()).isEqualTo(201);
		}

		void typing(boolean typing) {
			assertThat(api.post("/widget/v1/chats/" + chatId + "/typing", Map.of("typing", typing)).status())
				.isEqualTo(204);
		}

		String events() {
			return api.get("/widget/v1/chats/" + chatId + "/events?after=0&waitSeconds=0").text();
		}
	}

	private Customer startChat(String poc, String name, String email) {
		HttpApi.Answer started = HttpApi.anonymous(port).post("/widget/v1/points-of-contact/" + poc + "/chats",
				Map.of("preChat", Map.of("name", name, "email", email)));
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		return new Customer(started.json().at("/chatId").asString(),
				HttpApi.bearer(port, started.json().at("/token").asString()));
	}

	/** An agent of this tenant with one skill; answers the user name. */
	private String agent(String displayName, String skill) {
		String agent = displayName.split(" ")[0].toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(api.post("/api/v1/users", Map.of("username", agent, "displayName", displayName, "password", PASSWORD,
				"roles", List.of("AGENT"), "skills", List.of(skill), "maxConcurrentChats", 3)).status()).isEqualTo(201);
		return agent;
	}

	/** A profile whose pre-chat form asks the customer's name and email. */
	private String preChatProfile() {
		return api.post("/api/v1/chat-profiles", Map.of("name", "Shop chat " + UUID.randomUUID().toString().substring(0, 6),
				"interfaceVersion", "V2", "appearance", Map.of(), "preChatForm", Map.of("enabled", true, "fields", List.of(
						Map.of("key", "name", "label", "Name", "type", "TEXT", "required", true),
						Map.of("key", "email", "label", "Email", "type", "EMAIL", "required", true)))))
			.json().at("/id").asString();
	}

	private void awaitTransport(String transport) {
		browser.await("the feed by " + transport, d -> transport.equals(d.findElement(
				By.cssSelector("[data-agent-console]")).getDomAttribute("data-transport")));
	}

	/** The chat's unread badge as shown ("2", "New"), or null without one. */
	private String unread(String chatId) {
		return browser.script("const b = document.querySelector(`[data-chat='${arguments[0]}'] .unread`);"
				+ " if (!b) return null; const n = b.querySelector('[aria-hidden]'); return (n || b).textContent;", chatId);
	}

	/** What the badge says to a screen reader. */
	private String unreadLabel(String chatId) {
		return browser.script("return document.querySelector(`[data-chat='${arguments[0]}'] .unread .visually-hidden`)"
				+ ".textContent", chatId);
	}

	private long tones() {
		return browser.<Number>script("return window.parleyTones").longValue();
	}

	/** Opens a chat from the list, which is drawn again as events come: looked up afresh until a click lands. */
	private void openChat(String chatId) {
		browser.await("the chat opened", d -> {
			try {
				d.findElement(By.cssSelector("[data-chat='" + chatId + "']")).click();
				return "true".equals(d.findElement(By.cssSelector("[data-chat='" + chatId + "']"))
					.getDomAttribute("aria-current"));
			}
			catch (StaleElementReferenceException e) {
				return false;
			}
		});
	}

	private List<String> bubbles() {
		return browser.script("return [...document.querySelectorAll('[data-messages] .bubble')].map(b => b.textContent)");
	}

	private void addField(String label, String key, String type, boolean required, String options) {
		WebDriver driver = browser.driver();
		int index = driver.findElements(By.cssSelector(".builder-item")).size();
		driver.findElement(By.id("add-field")).click();
		String prefix = "f-preChatForm-fields-" + index + "-";
		WebElement labelInput = browser.await("field " + (index + 1), d -> d.findElements(By.id(prefix + "label")).stream()
			.findFirst().orElse(null));
		// keyboard users land in the new field, and the preview redrawing beside it does not take that away
		browser.await("focus on the new field's label", d -> (prefix + "label").equals(browser.script(
				"return document.activeElement.id")));
		labelInput.sendKeys(label);
		WebElement keyInput = driver.findElement(By.id(prefix + "key"));
		keyInput.clear();
		keyInput.sendKeys(key);
		assertThat((String) browser.script("return document.activeElement.id")).isEqualTo(prefix + "key");
		new Select(driver.findElement(By.id(prefix + "type"))).selectByValue(type);
		if (required) {
			driver.findElement(By.id(prefix + "required")).click();
		}
		if (options != null) {
			WebElement optionsInput = browser.await("the options box", d -> {
				WebElement box = d.findElement(By.id(prefix + "options"));
				return box.isDisplayed() ? box : null;
			});
			optionsInput.sendKeys(options);
		}
	}

	/** A real image file on disk, for the file input. */
	private static java.nio.file.Path image(String name, byte[] content) {
		try {
			java.nio.file.Path file = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "browser"))
				.resolve(name).toAbsolutePath();
			java.nio.file.Files.write(file, content);
			return file;
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** The thumbnail's address once the image chosen in {@code input} is uploaded. */
	private String thumbnail(String input) {
		return browser.await("the thumbnail of " + input, d -> d.findElements(
				By.cssSelector("#" + input + "-field img[src^='/assets/']")).stream().findFirst().orElse(null))
			.getAttribute("src").replaceFirst("^https?://[^/]+", "");
	}

	/** Runs {@code script} with {@code frame} the preview's frame and {@code doc} its document (null while there is none). */
	private <T> T inPreview(String script) {
		return browser.script("const frame = document.querySelector('[data-preview-frame]');"
				+ " const doc = frame && frame.contentDocument; if (!doc || !doc.body) { return null; }"
				+ " try { return (() => { " + script + " })(); } catch (e) { return null; }");
	}

	private String previewText() {
		return browser.script("const f = document.querySelector('[data-preview-frame]');"
				+ " return f && f.contentDocument && f.contentDocument.body ? f.contentDocument.body.innerText : ''");
	}

	private void logIn() {
		logIn(username);
		browser.await("the console", d -> d.getCurrentUrl().endsWith("/console/chat-profiles"));
	}

	private void logIn(String who) {
		browser.driver().get(url("/login"));
		fillLogin(who, PASSWORD);
		browser.await("logged in", d -> d.getCurrentUrl().contains("/console/"));
	}

	private void fillLogin(String who, String password) {
		WebDriver driver = browser.driver();
		driver.findElement(By.id("username")).sendKeys(who);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.xpath("//button[normalize-space()='Log in']")).click();
		browser.await("an answer to the login", d -> !d.getCurrentUrl().endsWith("/login"));
	}

	/** The text of an element; one replaced while it was read (the page changing under us) is read again. */
	private String text(String css) {
		for (int attempt = 0;; attempt++) {
			try {
				return browser.driver().findElement(By.cssSelector(css)).getText();
			}
			catch (StaleElementReferenceException e) {
				if (attempt == 2) {
					throw e;
				}
			}
		}
	}

	private void scrollTo(String css) {
		browser.script("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", css);
	}

	private void setDate(String id, LocalDate date) {
		browser.script("document.getElementById(arguments[0]).value = arguments[1]", id, date.toString());
	}

	/** A screenshot of the whole page, the window made as tall as the page for it. */
	private void fullPage(String name) {
		Number height = browser.script("return document.documentElement.scrollHeight");
		browser.viewport(Browser.WIDTH, Math.min(height.intValue(), 4000));
		browser.screenshot(name);
		browser.viewport(Browser.WIDTH, Browser.HEIGHT);
	}

	private String poc(String name, String skill, String profile) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "skill", skill, "allowedOrigins",
				List.of("https://shop.example.com")));
		if (profile != null) {
			body.put("chatProfileId", profile);
		}
		return api.post("/api/v1/points-of-contact", body).json().at("/id").asString();
	}

	private String chatProfileOf(String poc) {
		var id = api.get("/api/v1/points-of-contact/" + poc).json().at("/chatProfileId");
		return id.isNull() ? null : id.asString();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}
}

package io.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.Browser;
import io.parley.BrowserDelays;
import io.parley.BrowserHostSite;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.SwitchedOn;
import tools.jackson.databind.JsonNode;

/**
 * Whole chats through the widget in real Chromium against the running Parley: a customer on a shop's page fills the
 * pre-chat form, waits in the queue, and chats with an agent who works through the agent HTTP API; then the same
 * without WebSockets and through an outage, and the customer being told about the start limit.
 */
@IntegrationTest
@SwitchedOn(value = Browser.SWITCH, equalTo = "1", needs = Browser.NEEDS)
class WidgetChatBrowserIntegrationTest {

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

	private WebDriver driver() {
		return browser.driver();
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

	private void intoWindow() {
		WebElement frame = browser.await("the chat window", d -> {
			List<WebElement> frames = widget().findElements(By.cssSelector("iframe"));
			return !frames.isEmpty() && frames.get(0).isDisplayed() ? frames.get(0) : null;
		});
		driver().switchTo().frame(frame);
	}

	private WebElement awaitElement(String what, String css) {
		return browser.await(what, d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed)
			.findFirst().orElse(null));
	}

	private String text(String css) {
		return browser.script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null", css);
	}

	private List<String> bubbles(String who) {
		return browser.script("return [...document.querySelectorAll('.log .msg.' + arguments[0] + ' .text')]"
				+ ".map(e => e.textContent)", who);
	}

	private String fieldError(int index) {
		return browser.script("const e = document.getElementById('field-' + arguments[0] + '-error');"
				+ " return e.hidden ? '' : e.textContent", index);
	}

	private static Map<String, Object> field(String key, String label, String type, boolean required,
			Object... more) {
		Map<String, Object> field = WidgetFixtures.json("key", key, "label", label, "type", type, "required", required);
		field.putAll(WidgetFixtures.json(more));
		return field;
	}

	private Map<String, Object> journeyProfile(boolean topicRequired, String logo, String hero) {
		Map<String, Object> waiting = WidgetFixtures.json("enabled", true,
				"message", "Thanks for your patience, an agent will be with you shortly.",
				"backgroundColor", "#F0FDFA", "textColor", "#134E4A", "logoAssetId", logo,
				"heroImageAssetId", hero, "showPosition", true, "showEstimatedWait", true);
		return WidgetFixtures.json("interfaceVersion", "V2",
				"appearance", WidgetFixtures.json("primaryColor", "#0F766E", "primaryTextColor", "#FFFFFF",
						"topBarColor", "#0F766E", "topBarTextColor", "#FFFFFF", "agentBubbleColor", "#E6F4F1",
						"agentBubbleTextColor", "#0B3B36", "headerTitle", "Northwind Help",
						"welcomeMessage", "Hi! We usually answer within a few minutes.",
						"buttonLabel", "Chat with Northwind", "buttonPosition", "BOTTOM_RIGHT"),
				"preChatForm", WidgetFixtures.json("enabled", true,
						"welcomeMessage", "Before we start, tell us who you are.",
						"fields", List.of(field("name", "Your name", "TEXT", true, "maxLength", 80),
								field("email", "Email", "EMAIL", true),
								field("topic", "Topic", "SELECT", topicRequired, "options",
										List.of("Orders", "Returns", "Billing")))),
				"waitingQueue", waiting);
	}

	@Test
	void customerAndAgentChatFromPreChatFormThroughTheQueueToTheEnd() {
		String skill = "journey-" + UUID.randomUUID().toString().substring(0, 8);
		String logo = fixtures.asset(WidgetFixtures.logo("Northwind", new Color(0x0F766E)));
		String hero = fixtures.asset(WidgetFixtures.hero(new Color(0x14B8A6), new Color(0x0F766E)));
		String profile = fixtures.profile(journeyProfile(false, logo, hero));
		String poc = fixtures.pointOfContact(profile, skill, List.of(shop.origin()));
		HttpApi agent = fixtures.agent(skill, "Alex Morgan", 1);
		String[] cursor = { WidgetFixtures.feedHead(agent) };

		// Somebody else is waiting already.
		Answer other = HttpApi.anonymous(port).post("/widget/v1/points-of-contact/" + poc + "/chats",
				Map.of("preChat", Map.of("name", "Sam", "email", "sam@example.com")));
		assertThat(other.status()).as(other.toString()).isEqualTo(201);

		driver().get(shop.shopPage("/journey-" + poc, fixtures.parley(), poc, false));
		button().click();
		intoWindow();
		WebElement name = awaitElement("the pre-chat form", "#field-0");
		name.sendKeys("Dana Customer");
		driver().findElement(By.id("field-1")).sendKeys("dana@example");
		driver().findElement(By.cssSelector(".prechat button[type=submit]")).click();
		assertThat(fieldError(1)).contains("email address");

		// A rule the open window does not know yet: the server's answer shows next to its field.
		JsonNode current = fixtures.admin().get("/api/v1/chat-profiles/" + profile).json();
		Map<String, Object> changed = journeyProfile(true, logo, hero);
		changed.put("name", current.at("/name").asString());
		Answer updated = fixtures.admin().put("/api/v1/chat-profiles/" + profile, changed);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		driver().findElement(By.id("field-1")).sendKeys(".com");
		driver().findElement(By.cssSelector(".prechat button[type=submit]")).click();
		browser.await("the server's error next to the topic", d -> !fieldError(2).isEmpty());
		assertThat(fieldError(1)).isEmpty();
		assertThat(fieldError(2)).contains("required");

		new Select(driver().findElement(By.id("field-2"))).selectByVisibleText("Returns");
		driver().findElement(By.cssSelector(".prechat button[type=submit]")).click();
		awaitElement("the waiting screen", "section.queue");
		browser.await("the place in the queue", d -> "There is 1 contact ahead of you.".equals(text(".queue [role=status]")));
		assertThat(text(".rotating")).isIn("There is 1 contact ahead of you.",
				"Thanks for your patience, an agent will be with you shortly.");
		browser.await("the queue's images", d -> (Boolean) browser.script(
				"return [...document.querySelectorAll('.queue img')].every(i => i.complete && i.naturalWidth > 0)"));
		assertThat(driver().findElements(By.cssSelector(".queue img"))).hasSize(2);
		assertThat(driver().findElement(By.cssSelector("main.screen")).getCssValue("background-color"))
			.isEqualTo("rgba(240, 253, 250, 1)");
		driver().switchTo().defaultContent();
		browser.screenshot("widget-waiting");

		// The agent takes Sam's chat first (oldest first, one chat at a time): Dana moves up.
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(200);
		intoWindow();
		browser.await("Dana to be next", d -> "You are next in line.".equals(text(".queue [role=status]")));
		JsonNode sam = WidgetFixtures.awaitAgentEvent(agent, cursor, e -> "ASSIGNED".equals(e.at("/type").asString()));
		assertThat(sam.at("/chatId").asString()).isEqualTo(other.json().at("/chatId").asString());
		assertThat(agent.post("/api/v1/agent/chats/" + sam.at("/chatId").asString() + "/end", Map.of()).status())
			.isEqualTo(200);

		JsonNode assigned = WidgetFixtures.awaitAgentEvent(agent, cursor, e -> "ASSIGNED".equals(e.at("/type").asString())
				&& "Dana Customer".equals(e.at("/preChat/name").asString()));
		String chat = assigned.at("/chatId").asString();
		assertThat(assigned.at("/preChat/email").asString()).isEqualTo("dana@example.com");
		assertThat(assigned.at("/preChat/topic").asString()).isEqualTo("Returns");
		awaitElement("the conversation", "section.conversation");
		browser.await("the agent's name", d -> "You are chatting with Alex Morgan".equals(text("#subtitle")));
		assertThat(bubbles("system")).contains("Alex Morgan joined the chat.");
		assertThat(driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("message");

		// With sounds on, the agent's message plays the chime (playTune of events.js, shared with the agent console).
		driver().findElement(By.cssSelector("button[aria-label='Sounds']")).click();
		browser.script("window.parleyTones = 0; const start = OscillatorNode.prototype.start;"
				+ " OscillatorNode.prototype.start = function (...args) {"
				+ " window.parleyTones++; return start.apply(this, args); };");

		// Both directions, typing, and markup that stays text.
		assertThat(agent.post("/api/v1/agent/chats/" + chat + "/typing", Map.of("typing", true)).status()).isEqualTo(204);
		browser.await("the typing indicator", d -> "Alex Morgan is typing…".equals(text(".typing:not([hidden]) .typing-text")));
		WidgetFixtures.say(agent, chat, "Hello Dana! How can I help with your return?");
		browser.await("the agent's message", d -> bubbles("agent").contains("Hello Dana! How can I help with your return?"));
		browser.await("the message's chime", d -> browser.<Number>script("return window.parleyTones").longValue() > 0);
		driver().findElement(By.cssSelector("button[aria-label='Sounds']")).click();
		assertThat(text(".typing")).as("typing ends with the message").isNotNull();
		assertThat((Boolean) browser.script("return document.querySelector('.typing').hidden")).isTrue();

		WebElement box = driver().findElement(By.id("message"));
		box.sendKeys("My parcel arrived damaged.", Keys.ENTER);
		JsonNode first = WidgetFixtures.awaitAgentEvent(agent, cursor, e -> "MESSAGE".equals(e.at("/type").asString())
				&& "CUSTOMER".equals(e.at("/from").asString()));
		assertThat(first.at("/text").asString()).isEqualTo("My parcel arrived damaged.");
		assertThat(UUID.fromString(first.at("/clientMessageId").asString())).isNotNull();
		box.sendKeys("The box was open", Keys.chord(Keys.SHIFT, Keys.ENTER), "and wet <b>inside</b>", Keys.ENTER);
		JsonNode second = WidgetFixtures.awaitAgentEvent(agent, cursor, e -> "MESSAGE".equals(e.at("/type").asString())
				&& "CUSTOMER".equals(e.at("/from").asString()));
		assertThat(second.at("/text").asString()).isEqualTo("The box was open\nand wet <b>inside</b>");

		String hostile = "<img src=x onerror=alert(1)> Sorry to hear that!";
		WidgetFixtures.say(agent, chat, hostile);
		browser.await("the agent's second message", d -> bubbles("agent").contains(hostile));
		assertThat(driver().findElements(By.cssSelector(".log img"))).as("markup is not rendered").isEmpty();
		assertNoAlert();
		assertThat(bubbles("customer")).containsExactly("My parcel arrived damaged.", "The box was open\nand wet <b>inside</b>");
		assertThat(agent.post("/api/v1/agent/chats/" + chat + "/typing", Map.of("typing", true)).status()).isEqualTo(204);
		browser.await("the typing indicator", d -> text(".typing:not([hidden]) .typing-text") != null);
		driver().switchTo().defaultContent();
		browser.screenshot("widget-conversation");

		// The customer's own accessibility settings (V2).
		intoWindow();
		driver().findElement(By.cssSelector("button[aria-label='High contrast']")).click();
		driver().findElement(By.cssSelector("button[aria-label^='Text size']")).click();
		assertThat(driver().findElement(By.tagName("html")).getDomAttribute("class")).contains("hc");
		assertThat(driver().findElement(By.tagName("html")).getCssValue("font-size")).isEqualTo("17.25px");
		assertThat(driver().findElement(By.cssSelector("button[aria-label='High contrast']")).getDomAttribute("aria-pressed"))
			.isEqualTo("true");
		driver().switchTo().defaultContent();
		browser.screenshot("widget-high-contrast");
		intoWindow();
		driver().findElement(By.cssSelector("button[aria-label='High contrast']")).click();
		driver().findElement(By.cssSelector("button[aria-label^='Text size']")).click();
		driver().findElement(By.cssSelector("button[aria-label^='Text size']")).click();
		driver().switchTo().defaultContent();

		// A reload keeps the window open and the conversation, without doubles.
		driver().navigate().refresh();
		intoWindow();
		browser.await("the conversation after the reload", d -> bubbles("agent").contains(hostile));
		assertThat(bubbles("customer")).containsExactly("My parcel arrived damaged.", "The box was open\nand wet <b>inside</b>");
		assertThat(bubbles("agent")).containsExactly("Hi! We usually answer within a few minutes.",
				"Hello Dana! How can I help with your return?", hostile);
		assertThat(text("#subtitle")).isEqualTo("You are chatting with Alex Morgan");
		driver().findElement(By.id("message")).sendKeys("Still there?", Keys.ENTER);
		JsonNode third = WidgetFixtures.awaitAgentEvent(agent, cursor, e -> "MESSAGE".equals(e.at("/type").asString())
				&& "CUSTOMER".equals(e.at("/from").asString()));
		assertThat(third.at("/text").asString()).isEqualTo("Still there?");

		// Closed, the window still listens: an answer puts a dot on the button until it is opened.
		driver().switchTo().defaultContent();
		browser.script("Parley.close()");
		WidgetFixtures.say(agent, chat, "Yes, still here.");
		WebElement chatButton = button();
		browser.await("the unread dot", d -> chatButton.getDomAttribute("class").contains("unread"));
		assertThat(chatButton.getDomAttribute("aria-describedby")).isEqualTo("parley-unread");
		browser.screenshot("widget-unread");
		chatButton.click();
		intoWindow();
		assertThat(bubbles("agent")).contains("Yes, still here.");
		driver().switchTo().defaultContent();
		assertThat(chatButton.getDomAttribute("class")).doesNotContain("unread");
		intoWindow();

		// The agent ends the chat; the customer may start another.
		assertThat(agent.post("/api/v1/agent/chats/" + chat + "/end", Map.of()).status()).isEqualTo(200);
		browser.await("the ended state", d -> d.findElement(By.cssSelector(".ended")).isDisplayed());
		assertThat(bubbles("system")).contains("Alex Morgan ended the chat.");
		assertThat(driver().findElement(By.cssSelector(".composer")).isDisplayed()).isFalse();
		driver().switchTo().defaultContent();
		browser.screenshot("widget-ended");
		intoWindow();
		driver().findElement(By.cssSelector(".ended button")).click();
		awaitElement("a fresh pre-chat form", "#field-0");
		driver().switchTo().defaultContent();

		JsonNode transcript = fixtures.admin().get("/api/v1/chats/" + chat + "/transcript").json();
		List<String> texts = new ArrayList<>();
		transcript.at("/messages").forEach(m -> texts.add(m.at("/text").asString()));
		assertThat(texts).containsExactly("Hello Dana! How can I help with your return?", "My parcel arrived damaged.",
				"The box was open\nand wet <b>inside</b>", hostile, "Still there?", "Yes, still here.");
	}

	private void assertNoAlert() {
		try {
			driver().switchTo().alert();
			throw new AssertionError("A script from a message ran");
		}
		catch (NoAlertPresentException expected) {
			// Nothing ran.
		}
	}

	@Test
	void fallsBackToTheLongPollAndRetriesSendsThroughAnOutage() {
		String skill = "poll-" + UUID.randomUUID().toString().substring(0, 8);
		String poc = fixtures.pointOfContact(null, skill, List.of());
		HttpApi agent = fixtures.agent(skill, "Robin Poll", 2);
		String[] cursor = { WidgetFixtures.feedHead(agent) };
		ChromeDriver chrome = (ChromeDriver) driver();
		// A proxy on the way that refuses WebSockets (every socket closes before it opens) until it is fixed.
		Object script = chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				window.refuseSockets = true;
				const RealWebSocket = window.WebSocket;
				window.WebSocket = class extends EventTarget {
				  constructor(url) {
				    if (!window.refuseSockets) { return new RealWebSocket(url); }
				    super(); setTimeout(() => this.dispatchEvent(new Event('close')), 10);
				  }
				  close() {}
				};"""));
		try {
			driver().get(fixtures.parley() + "/widget/v1/points-of-contact/" + poc + "/window");
			WebElement box = awaitElement("the message box", "#message");
			box.sendKeys("Hello from behind a proxy", Keys.ENTER);
			assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(200);
			JsonNode assigned = WidgetFixtures.awaitAgentEvent(agent, cursor, e -> "ASSIGNED".equals(e.at("/type").asString()));
			String chat = assigned.at("/chatId").asString();
			browser.await("the agent to join", d -> "You are chatting with Robin Poll".equals(text("#subtitle")));
			WidgetFixtures.say(agent, chat, "Hi, I read you through the long poll.");
			browser.await("the agent's message", d -> bubbles("agent").contains("Hi, I read you through the long poll."));

			chrome.executeCdpCommand("Network.enable", Map.of());
			chrome.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
					"downloadThroughput", -1, "uploadThroughput", -1));
			box.sendKeys("Sent while offline", Keys.ENTER);
			browser.await("the outage notice", d -> {
				String notice = text(".notice");
				return notice != null && notice.contains("can’t reach the chat service");
			});
			assertThat(driver().findElement(By.cssSelector(".notice")).getDomAttribute("role")).isEqualTo("alert");
			assertThat(driver().findElement(By.cssSelector(".msg.customer.pending")).getText()).contains("Sent while offline");
			browser.screenshot("widget-offline");
			chrome.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
					"downloadThroughput", -1, "uploadThroughput", -1));
			JsonNode delivered = WidgetFixtures.awaitAgentEvent(agent, cursor, e -> "MESSAGE".equals(e.at("/type").asString())
					&& "Sent while offline".equals(e.at("/text").asString()));
			assertThat(delivered).isNotNull();
			browser.await("the notice to go", d -> !d.findElement(By.cssSelector(".notice")).isDisplayed());
			browser.await("the message to be confirmed", d -> d.findElements(By.cssSelector(".msg.pending")).isEmpty());
			assertThat(bubbles("customer")).containsExactly("Hello from behind a proxy", "Sent while offline");

			JsonNode transcript = fixtures.admin().get("/api/v1/chats/" + chat + "/transcript").json();
			List<String> texts = new ArrayList<>();
			transcript.at("/messages").forEach(m -> texts.add(m.at("/text").asString()));
			assertThat(texts).containsExactly("Hello from behind a proxy", "Hi, I read you through the long poll.",
					"Sent while offline");
			assertThat(driver().findElement(By.tagName("html")).getDomAttribute("data-transport")).isEqualTo("long-poll");

			// Once sockets get through again, the window goes back to a WebSocket by itself (within 30 s).
			browser.script("window.refuseSockets = false;");
			browser.await("the window to use a WebSocket again", Duration.ofSeconds(60),
					d -> "websocket".equals(d.findElement(By.tagName("html")).getDomAttribute("data-transport")));
			WidgetFixtures.say(agent, chat, "And now through the socket.");
			browser.await("the agent's message over the socket",
					d -> bubbles("agent").contains("And now through the socket."));
			assertThat(bubbles("agent")).containsExactly("Hi! How can we help?", "Hi, I read you through the long poll.",
					"And now through the socket.");
		}
		finally {
			chrome.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
					"downloadThroughput", -1, "uploadThroughput", -1));
			chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
					Map.of("identifier", ((Map<?, ?>) script).get("identifier")));
		}
	}

	@Test
	void tellsTheCustomerAboutTheStartLimitAndStartsWhenItAllows() {
		String poc = fixtures.pointOfContact(null, "limit-" + UUID.randomUUID().toString().substring(0, 8), List.of());
		driver().get(fixtures.parley() + "/widget/v1/points-of-contact/" + poc + "/window");
		awaitElement("the message box", "#message");
		// Use up this address's chat starts at this point of contact from the window's own origin, and send at once.
		Object refused = browser.asyncScript("""
				const done = arguments[arguments.length - 1];
				(async () => {
				  let refused = 0;
				  for (let i = 0; i < 60 && refused === 0; i++) {
				    const r = await fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json'},
				      body: '{"preChat": {}}'});
				    if (r.status === 429) refused++;
				  }
				  const box = document.getElementById('message');
				  box.value = 'Hello?';
				  box.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
				  done(refused);
				})();""", "/widget/v1/points-of-contact/" + poc + "/chats");
		assertThat(((Number) refused).intValue()).isEqualTo(1);
		browser.await("the limit notice", d -> {
			String notice = text(".notice");
			return notice != null && notice.contains("Too many chats") && notice.contains("try again for you in");
		});
		browser.screenshot("widget-rate-limited");
		browser.await("the chat to start once allowed", d -> d.findElements(By.cssSelector(".msg.pending")).isEmpty()
				&& !d.findElement(By.cssSelector(".notice")).isDisplayed());
		assertThat(text("#subtitle")).startsWith("Waiting for an agent");
		assertThat((String) browser.script("return localStorage.getItem('parley.chat.' + arguments[0])", poc))
			.contains("chatId", "token");
	}

	/** The customer's and the agent's messages in the window, in the order shown (without the welcome). */
	private List<String> conversation() {
		return browser.script("return [...document.querySelectorAll('.log .msg.customer .text, .log .msg.agent:not(.welcome) .text')]"
				+ ".map(e => e.textContent)");
	}

	/** A window of {@code poc} opened on its own, where the customer has started a chat that {@code agent} took. */
	private String chatWithAgent(String poc, HttpApi agent, String[] cursor, String opening, String agentName) {
		driver().get(fixtures.parley() + "/widget/v1/points-of-contact/" + poc + "/window");
		awaitElement("the message box", "#message").sendKeys(opening, Keys.ENTER);
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(200);
		String chat = WidgetFixtures.awaitAgentEvent(agent, cursor, e -> "ASSIGNED".equals(e.at("/type").asString()))
			.at("/chatId").asString();
		browser.await("the agent to join", d -> ("You are chatting with " + agentName).equals(text("#subtitle")));
		return chat;
	}

	/**
	 * Customer and agent write at the same moment: the customer's message is still on its way when the agent's is
	 * stored and shown. Shown at once as sending, the customer's message then takes its place after the agent's, as
	 * stored, not where it was typed.
	 */
	@Test
	void showsTheCustomersOwnMessageWhereItWasStoredOnceItIsAcknowledged() {
		String skill = "order-" + UUID.randomUUID().toString().substring(0, 8);
		String poc = fixtures.pointOfContact(null, skill, List.of());
		HttpApi agent = fixtures.agent(skill, "Ola Order", 1);
		String[] cursor = { WidgetFixtures.feedHead(agent) };
		try (BrowserDelays delays = BrowserDelays.install(browser)) {
			String chat = chatWithAgent(poc, agent, cursor, "Hello, one question.", "Ola Order");
			delays.holdSends();
			driver().findElement(By.id("message")).sendKeys("Is the blue teapot in stock?", Keys.ENTER);
			browser.await("the message shown as sending", d -> d.findElements(By.cssSelector(".msg.customer.pending")).size() == 1);
			assertThat(delays.heldSends()).isEqualTo(1);
			WidgetFixtures.say(agent, chat, "Let me check that for you.");
			browser.await("the agent's message", d -> conversation().contains("Let me check that for you."));
			assertThat(delays.releaseSends()).isEqualTo(1);
			browser.await("the message acknowledged", d -> d.findElements(By.cssSelector(".msg.pending")).isEmpty());
			List<String> stored = fixtures.transcript(chat);
			assertThat(stored).containsExactly("Hello, one question.", "Let me check that for you.",
					"Is the blue teapot in stock?");
			assertThat(conversation()).as("the window shows the stored order").containsExactlyElementsOf(stored);
		}
	}

	/** An event that reaches the window after a later one is shown at its own place, not dropped or put last. */
	@Test
	void showsMessagesInTheStoredOrderWhenTheyArriveOutOfOrder() {
		String skill = "late-" + UUID.randomUUID().toString().substring(0, 8);
		String poc = fixtures.pointOfContact(null, skill, List.of());
		HttpApi agent = fixtures.agent(skill, "Lee Late", 1);
		String[] cursor = { WidgetFixtures.feedHead(agent) };
		try (BrowserDelays delays = BrowserDelays.install(browser)) {
			String chat = chatWithAgent(poc, agent, cursor, "Where is my parcel?", "Lee Late");
			delays.overtake("It left our warehouse today.");
			WidgetFixtures.say(agent, chat, "It left our warehouse today.");
			WidgetFixtures.say(agent, chat, "You should have it tomorrow.");
			browser.await("the later message", d -> conversation().contains("You should have it tomorrow."));
			assertThat(delays.overtaken()).isEqualTo(1);
			List<String> stored = fixtures.transcript(chat);
			assertThat(stored).containsExactly("Where is my parcel?", "It left our warehouse today.",
					"You should have it tomorrow.");
			assertThat(conversation()).as("the window shows the stored order").containsExactlyElementsOf(stored);
		}
	}

	private static final String NO_AGENTS = "No agents are available right now";

	private boolean saysNoAgents() {
		return browser.<Boolean>script("return document.body.innerText.includes(arguments[0])", NO_AGENTS);
	}

	/** An agent of {@code skill} with room for one chat, busy with one started through the API; answers that chat. */
	private String busyWithAnotherChat(String poc, HttpApi agent, String[] cursor) {
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(200);
		Answer other = HttpApi.anonymous(port).post("/widget/v1/points-of-contact/" + poc + "/chats", Map.of());
		assertThat(other.status()).as(other.toString()).isEqualTo(201);
		String chat = other.json().at("/chatId").asString();
		WidgetFixtures.awaitAgentEvent(agent, cursor, e -> "ASSIGNED".equals(e.at("/type").asString())
				&& chat.equals(e.at("/chatId").asString()));
		return chat;
	}

	/** The note that nobody is available, shown when the window opened, goes once an agent has joined. */
	@Test
	void theNoAgentsNoteGoesOnceAnAgentHasJoined() {
		String skill = "joined-" + UUID.randomUUID().toString().substring(0, 8);
		String poc = fixtures.pointOfContact(null, skill, List.of());
		HttpApi agent = fixtures.agent(skill, "Jo Joined", 1);
		driver().get(fixtures.parley() + "/widget/v1/points-of-contact/" + poc + "/window");
		awaitElement("the message box", "#message").sendKeys("Hello, anyone there?", Keys.ENTER);
		browser.await("waiting", d -> String.valueOf(text("#subtitle")).startsWith("Waiting for an agent"));
		assertThat(saysNoAgents()).as("nobody available when the window opened").isTrue();
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(200);
		browser.await("the agent to join", d -> "You are chatting with Jo Joined".equals(text("#subtitle")));
		assertThat(browser.<String>script("return document.querySelector('.log').innerText"))
			.as("the conversation once an agent has joined").doesNotContain(NO_AGENTS);
		assertThat(saysNoAgents()).isFalse();
		driver().switchTo().defaultContent();
		browser.screenshot("widget-agent-joined");
	}

	/**
	 * Without a waiting screen (V1): while nobody with the skill is available the window says so, whether that was so
	 * when it opened or became so while the customer waits; the note goes when an agent is available again and is not
	 * there once an agent has joined.
	 */
	@Test
	void saysWhetherAnyAgentIsAvailableWhileWaitingAndNotOnceAnAgentHasJoined() {
		String skill = "avail-" + UUID.randomUUID().toString().substring(0, 8);
		String poc = fixtures.pointOfContact(null, skill, List.of());
		HttpApi agent = fixtures.agent(skill, "Ava Able", 1);
		String[] cursor = { WidgetFixtures.feedHead(agent) };
		String other = busyWithAnotherChat(poc, agent, cursor);
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AWAY")).status()).isEqualTo(200);

		driver().get(fixtures.parley() + "/widget/v1/points-of-contact/" + poc + "/window");
		WebElement box = awaitElement("the message box", "#message");
		assertThat(saysNoAgents()).as("nobody available when the window opened").isTrue();
		box.sendKeys("Hello, anyone there?", Keys.ENTER);
		browser.await("waiting", d -> String.valueOf(text("#subtitle")).startsWith("Waiting for an agent"));
		assertThat(saysNoAgents()).isTrue();
		assertThat(browser.<String>script("return document.body.innerText")).doesNotContain("less than a minute");

		// Available, though busy: the note goes; away again: it comes back.
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(200);
		browser.await("the note to go once an agent is available", Duration.ofSeconds(30), d -> !saysNoAgents());
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AWAY")).status()).isEqualTo(200);
		browser.await("the note to come back when nobody is available", Duration.ofSeconds(30), d -> saysNoAgents());
		browser.screenshot("widget-no-agents");

		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(200);
		assertThat(agent.post("/api/v1/agent/chats/" + other + "/end", Map.of()).status()).isEqualTo(200);
		browser.await("the agent to join", d -> "You are chatting with Ava Able".equals(text("#subtitle")));
		assertThat(saysNoAgents()).as("no such note once an agent has joined").isFalse();
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AWAY")).status()).isEqualTo(200);
		driver().navigate().refresh();
		browser.await("the conversation after the reload", d -> "You are chatting with Ava Able".equals(text("#subtitle")));
		assertThat(saysNoAgents()).as("nor after a reload while the agent is away").isFalse();
	}

	/**
	 * The waiting screen (V2) promises no wait while nobody with the skill is available, however fast the queue moved
	 * before: it says that nobody is available now; with an agent available (even a busy one) it shows the estimate.
	 */
	@Test
	void theWaitingScreenSaysNobodyIsAvailableInsteadOfAnEstimate() {
		String skill = "wait-" + UUID.randomUUID().toString().substring(0, 8);
		String profile = fixtures.profile(WidgetFixtures.json("interfaceVersion", "V2",
				"appearance", WidgetFixtures.json("headerTitle", "Northwind Help"),
				"waitingQueue", WidgetFixtures.json("enabled", true, "message", "Thanks for waiting.",
						"showPosition", true, "showEstimatedWait", true)));
		String poc = fixtures.pointOfContact(profile, skill, List.of());
		HttpApi agent = fixtures.agent(skill, "Wes Wait", 1);
		String[] cursor = { WidgetFixtures.feedHead(agent) };
		// The queue moved fast before: the first chat was taken at once.
		String other = busyWithAnotherChat(poc, agent, cursor);
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AWAY")).status()).isEqualTo(200);

		driver().get(fixtures.parley() + "/widget/v1/points-of-contact/" + poc + "/window");
		awaitElement("the message box", "#message").sendKeys("Hello?", Keys.ENTER);
		awaitElement("the waiting screen", "section.queue");
		browser.await("the waiting screen's texts", d -> text(".queue .rotating") != null && !text(".queue .rotating").isEmpty());
		String screen = browser.script("return document.querySelector('section.queue').innerText");
		assertThat(screen).as("the waiting screen while nobody is available").doesNotContain("Estimated wait")
			.contains(NO_AGENTS);
		browser.screenshot("widget-waiting-no-agents");

		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(200);
		browser.await("the estimate once an agent is available", Duration.ofSeconds(30),
				d -> browser.<String>script("return document.querySelector('section.queue').innerText")
					.contains("Estimated wait"));
		assertThat(saysNoAgents()).isFalse();

		assertThat(agent.post("/api/v1/agent/chats/" + other + "/end", Map.of()).status()).isEqualTo(200);
		browser.await("the agent to join", d -> "You are chatting with Wes Wait".equals(text("#subtitle")));
		assertThat(saysNoAgents()).isFalse();
	}

}

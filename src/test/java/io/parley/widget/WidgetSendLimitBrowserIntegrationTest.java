package io.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.Browser;
import io.parley.BrowserHostSite;
import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.SwitchedOn;
import tools.jackson.databind.JsonNode;

/**
 * A customer who sends a burst of messages beyond their chat's limit, in real Chromium: the widget says that it is
 * waiting, keeps the held messages, and delivers every one of them once, in order, as the agent then sees.
 */
@IntegrationTest
@SwitchedOn(value = Browser.SWITCH, equalTo = "1", needs = Browser.NEEDS)
class WidgetSendLimitBrowserIntegrationTest {

	static Browser browser;
	static BrowserHostSite shop;

	@LocalServerPort
	int port;

	@Value("${parley.chat.limits.messages-per-10s}")
	int perChat;

	@BeforeAll
	static void startBrowser() {
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

	@Test
	void aBurstBeyondTheLimitIsHeldWithANoticeThenDeliveredOnceInOrder() {
		WidgetFixtures fixtures = new WidgetFixtures(port);
		String skill = "burst-" + UUID.randomUUID().toString().substring(0, 8);
		String poc = fixtures.pointOfContact(null, skill, List.of(shop.origin()));
		HttpApi agent = fixtures.agent(skill, "Robin Agent", 2);
		String[] cursor = { WidgetFixtures.feedHead(agent) };
		assertThat(agent.put("/api/v1/agent/status", Map.of("status", "AVAILABLE")).status()).isEqualTo(200);

		browser.driver().get(shop.shopPage("/burst-" + poc, fixtures.parley(), poc, false));
		button().click();
		intoWindow();
		browser.await("the message box", d -> d.findElement(By.id("message")).isDisplayed());
		// Every text the notice shows, kept as it changes.
		browser.script("window.notices = []; const n = document.querySelector('.notice');"
				+ " new MutationObserver(() => { if (!n.hidden && n.textContent) { window.notices.push(n.textContent); } })"
				+ ".observe(n, { childList: true, subtree: true, characterData: true, attributes: true });");

		// Twice the limit, typed and sent at once.
		int burst = 2 * perChat;
		List<String> texts = new ArrayList<>();
		for (int i = 1; i <= burst; i++) {
			texts.add("Burst message " + i);
		}
		browser.script("const box = document.getElementById('message'); const form = box.form;"
				+ " for (const text of arguments[0]) { box.value = text; form.requestSubmit(); }", texts);

		browser.await("the notice that messages wait", d -> ((List<?>) browser.script("return window.notices"))
			.stream().anyMatch(text -> text.toString().contains("faster")));
		String notice = ((List<?>) browser.script("return window.notices")).stream().map(Object::toString)
			.filter(text -> text.contains("faster")).findFirst().orElseThrow();
		assertThat(notice).contains("Your messages are kept and sent in order.", "try again");
		assertThat(pendingCount()).as("messages held in the window").isPositive();
		browser.driver().switchTo().defaultContent();
		browser.screenshot("widget-sending-too-fast");
		intoWindow();

		// Held messages go out as the limit allows (about one a second): every one, then the notice goes away.
		browser.await("every message sent", Duration.ofSeconds(90), d -> pendingCount() == 0);
		browser.await("the notice gone", d -> (Boolean) browser.script(
				"return document.querySelector('.notice').hidden"));
		assertThat(browser.<Long>script("return document.querySelectorAll('.log li.failed').length")).isZero();
		List<String> bubbles = browser.script("return [...document.querySelectorAll('.log .msg.customer .text')]"
				+ ".map(e => e.textContent)");
		assertThat(bubbles).containsExactlyElementsOf(texts);
		browser.driver().switchTo().defaultContent();

		// The agent gets each message once, in the order typed.
		JsonNode assigned = WidgetFixtures.awaitAgentEvent(agent, cursor, e -> "ASSIGNED".equals(e.at("/type").asString()));
		String chat = assigned.at("/chatId").asString();
		List<String> received = new ArrayList<>();
		for (JsonNode message : agent.get("/api/v1/chats/" + chat + "/transcript").json().at("/messages")) {
			if ("CUSTOMER".equals(message.at("/from").asString())) {
				received.add(message.at("/text").asString());
			}
		}
		assertThat(received).containsExactlyElementsOf(texts);
	}

	private long pendingCount() {
		return browser.<Long>script("return document.querySelectorAll('.log li.pending').length");
	}

	private WebElement button() {
		SearchContext shadow = browser.await("the Parley element on the page",
				d -> d.findElements(By.cssSelector("parley-chat")).stream().findFirst().orElse(null)).getShadowRoot();
		return browser.await("the Live Chat button",
				d -> shadow.findElements(By.cssSelector("button")).stream().findFirst().orElse(null));
	}

	private void intoWindow() {
		SearchContext shadow = browser.driver().findElement(By.cssSelector("parley-chat")).getShadowRoot();
		WebElement frame = browser.await("the chat window", d -> {
			List<WebElement> frames = shadow.findElements(By.cssSelector("iframe"));
			return !frames.isEmpty() && frames.get(0).isDisplayed() ? frames.get(0) : null;
		});
		browser.driver().switchTo().frame(frame);
	}
}

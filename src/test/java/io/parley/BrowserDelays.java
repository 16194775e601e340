package io.parley;

import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The network's timing, played on purpose in a browser test: installed into every page the browser opens (before the
 * page's own scripts run), it can hold a page's message sends on their way to Parley until the test lets them go,
 * lose the answer of a send that Parley did get, and let one incoming WebSocket frame be overtaken by the next. The
 * page's code is the real one; only what the network does to it is played.
 */
public final class BrowserDelays implements AutoCloseable {

	private static final String SCRIPT = """
			(() => {
			  const hold = window.parleyHold = { sends: false, held: [], loseAnswers: 0, frame: null, overtaken: 0 };
			  const realFetch = window.fetch.bind(window);
			  const isSend = (input, init) => init && init.method === 'POST'
			    && /\\/messages(\\?|$)/.test(String(input instanceof Request ? input.url : input));
			  window.fetch = (input, init) => {
			    if (!isSend(input, init)) {
			      return realFetch(input, init);
			    }
			    const go = () => realFetch(input, init).then((response) => {
			      if (hold.loseAnswers > 0) {
			        hold.loseAnswers--;
			        throw new TypeError('Failed to fetch (the answer was lost on the way)');
			      }
			      return response;
			    });
			    return hold.sends ? new Promise((resolve, reject) => hold.held.push(() => go().then(resolve, reject))) : go();
			  };
			  window.parleyReleaseSends = () => {
			    hold.sends = false;
			    const held = hold.held.splice(0);
			    held.forEach((go) => go());
			    return held.length;
			  };
			  const RealWebSocket = window.WebSocket;
			  window.WebSocket = class extends RealWebSocket {
			    constructor(...args) {
			      super(...args);
			      let late = null;
			      const pass = (data) => {
			        const event = new MessageEvent('message', { data });
			        event.parleyPassed = true;
			        this.dispatchEvent(event);
			      };
			      // Registered before the page's own listeners: it decides which frame they get when.
			      this.addEventListener('message', (event) => {
			        if (event.parleyPassed) {
			          return;
			        }
			        event.stopImmediatePropagation();
			        if (hold.frame && String(event.data).includes(hold.frame)) {
			          hold.frame = null;
			          late = event.data;
			          return;
			        }
			        pass(event.data);
			        if (late !== null) {
			          const data = late;
			          late = null;
			          hold.overtaken++;
			          pass(data);
			        }
			      });
			    }
			  };
			})();""";

	private final Browser browser;
	private final Object identifier;

	private BrowserDelays(Browser browser, Object identifier) {
		this.browser = browser;
		this.identifier = identifier;
	}

	/** Installs the delays into every page {@code browser} (Chromium) opens from now on, until closed. */
	public static BrowserDelays install(Browser browser) {
		Map<String, Object> added = ((ChromeDriver) browser.driver())
			.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SCRIPT));
		return new BrowserDelays(browser, added.get("identifier"));
	}

	/** The page's next message sends wait on their way to Parley until {@link #releaseSends()}. */
	public void holdSends() {
		browser.script("window.parleyHold.sends = true");
	}

	/** Lets the held sends go, in the order they were made; answers how many there were. */
	public int releaseSends() {
		return browser.<Number>script("return window.parleyReleaseSends()").intValue();
	}

	/** How many sends are being held. */
	public int heldSends() {
		return browser.<Number>script("return window.parleyHold.held.length").intValue();
	}

	/** The answers of the page's next {@code count} sends are lost after Parley got them (the page sees a network error). */
	public void loseAnswers(int count) {
		browser.script("window.parleyHold.loseAnswers = arguments[0]", count);
	}

	/** The next incoming WebSocket frame containing {@code text} reaches the page after the frame that follows it. */
	public void overtake(String text) {
		browser.script("window.parleyHold.frame = arguments[0]", text);
	}

	/** How many frames were overtaken so far in this page. */
	public int overtaken() {
		return browser.<Number>script("return window.parleyHold.overtaken").intValue();
	}

	@Override
	public void close() {
		((ChromeDriver) browser.driver()).executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
				Map.of("identifier", identifier));
	}
}

package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.Browser;
import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.SwitchedOn;
import io.parley.accounts.TestTenants;

/**
 * The console's login and session edges in real Chromium: a form left open while its user logged out and in again
 * elsewhere, a form sent after the session ended, and logging in after too many wrong passwords. The pages are kept
 * as {@code docs/screenshots/console-form-expired.png}, {@code console-login-session-ended.png} and
 * {@code console-login-throttled.png}.
 */
@IntegrationTest
@SwitchedOn(value = Browser.SWITCH, equalTo = "1", needs = Browser.NEEDS)
class ConsoleSessionBrowserIntegrationTest {

	static final String PASSWORD = "console-session-password";

	static Browser browser;

	@Autowired
	TestTenants tenants;

	@LocalServerPort
	int port;

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

	@BeforeEach
	void admin() {
		String first = tenants.tenantWithAdmin(PASSWORD);
		username = "dana-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(HttpApi.basic(port, first, PASSWORD).post("/api/v1/users", Map.of("username", username,
				"displayName", "Dana Whitfield", "password", PASSWORD, "roles", List.of("ADMIN"))).status())
			.isEqualTo(201);
	}

	@AfterEach
	void forget() {
		browser.driver().manage().deleteAllCookies();
	}

	@Test
	void aFormLeftOpenAcrossALogoutShowsWhatHappenedAndTheWayBack() {
		WebDriver driver = browser.driver();
		logIn();
		driver.get(url("/console/users/new"));
		String form = driver.getWindowHandle();

		// Elsewhere, the same person logs out and in again: the open form's token belongs to the old session.
		driver.switchTo().newWindow(WindowType.TAB);
		driver.get(url("/console/users"));
		driver.findElement(By.xpath("//button[normalize-space()='Log out']")).click();
		browser.await("logged out", d -> d.getCurrentUrl().endsWith("/login?logout"));
		logIn();
		driver.close();
		driver.switchTo().window(form);

		driver.findElement(By.id("f-username")).sendKeys("late-user");
		driver.findElement(By.id("f-displayName")).sendKeys("Late User");
		driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		browser.await("the expired form page", d -> d.getTitle().startsWith("Form expired"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This form had expired");
		assertThat(driver.findElement(By.cssSelector(".lead")).getText()).startsWith("Nothing was saved.");
		assertThat(driver.findElement(By.cssSelector(".whoami-name")).getText()).isEqualTo("Dana Whitfield");
		browser.screenshot("console-form-expired");

		driver.findElement(By.linkText("Open the page again")).click();
		browser.await("the form again", d -> d.getCurrentUrl().endsWith("/console/users/new"));
		assertThat(driver.findElements(By.id("f-username"))).hasSize(1);
	}

	@Test
	void aFormSentAfterTheSessionEndedLeadsToTheLoginPage() {
		WebDriver driver = browser.driver();
		logIn();
		driver.get(url("/console/users/new"));
		driver.manage().deleteAllCookies();
		driver.findElement(By.id("f-username")).sendKeys("late-user");
		driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		browser.await("the login page", d -> !d.findElements(By.id("password")).isEmpty());
		assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
			.isEqualTo("Your session had ended, so what you sent was not saved. Log in and try again.");
		browser.screenshot("console-login-session-ended");

		fillLogin(username, PASSWORD);
		browser.await("the console", d -> d.getCurrentUrl().endsWith("/console/chat-profiles"));
	}

	@Test
	void theLoginPageSaysHowLongToWaitAfterTooManyWrongPasswords() {
		WebDriver driver = browser.driver();
		String message = null;
		// Three wrong passwords are free, then each makes the next attempt wait twice as long: however slow the
		// browser, a refused attempt comes within a few tries.
		for (int attempt = 0; attempt < 10; attempt++) {
			driver.get(url("/login"));
			fillLogin(username, "not-the-password-" + attempt);
			message = driver.findElement(By.cssSelector("[role=alert]")).getText();
			if (message.startsWith("Too many")) {
				break;
			}
			assertThat(message).isEqualTo("The user name or password is not right.");
		}
		assertThat(message).matches("Too many failed attempts\\. Try again in \\d+ seconds?\\.");
		browser.screenshot("console-login-throttled");
	}

	private void logIn() {
		browser.driver().get(url("/login"));
		fillLogin(username, PASSWORD);
		browser.await("logged in", d -> d.getCurrentUrl().contains("/console/"));
	}

	private void fillLogin(String who, String password) {
		WebDriver driver = browser.driver();
		driver.findElement(By.id("username")).sendKeys(who);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.xpath("//button[normalize-space()='Log in']")).click();
		browser.await("an answer to the login", d -> !d.getCurrentUrl().endsWith("/login"));
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}
}

package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for browser tests, switched on by {@code PARLEY_TEST_BROWSER=1}. It uses the machine's
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (never a download), a fresh profile under
 * {@code target/}, a fixed window size, and keeps screenshots in {@code docs/screenshots/}.
 */
public final class Browser implements AutoCloseable {

	public static final String SWITCH = "PARLEY_TEST_BROWSER";
	public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
	public static final int WIDTH = 1280;
	public static final int HEIGHT = 800;

	private final ChromeDriver driver;
	private final Path home;

	private Browser(ChromeDriver driver, Path home) {
		this.driver = driver;
		this.home = home;
	}

	/**
	 * Skips the calling test class, saying why, unless browser tests are switched on; when they are, a missing
	 * Chromium or driver fails the test instead of silently skipping it.
	 */
	public static void requireEnabled() {
		if (!"1".equals(System.getenv(SWITCH))) {
			String reason = "Browser tests skipped: set " + SWITCH + "=1 to run them (needs " + CHROMIUM + " and "
					+ CHROMEDRIVER + ").";
			System.out.println(reason);
			Assumptions.abort(reason);
		}
		assertThat(CHROMIUM).as(SWITCH + "=1 but Chromium is missing").isExecutable();
		assertThat(CHROMEDRIVER).as(SWITCH + "=1 but chromedriver is missing").isExecutable();
	}

	/** Starts a browser (after {@link #requireEnabled()}). */
	public static Browser start() {
		requireEnabled();
		// Selenium must never try to download a driver or browser: there is no network, and the paths are known.
		System.setProperty("SE_OFFLINE", "true");
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		try {
			Path work = Files.createDirectories(Path.of("target", "browser"));
			Path home = Files.createTempDirectory(work, "chromium-").toAbsolutePath();
			Path profile = Files.createDirectories(home.resolve("profile"));
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
					"--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile, "--lang=en-US");
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(CHROMEDRIVER.toFile())
				.withEnvironment(Map.of("HOME", home.toString()))
				.withLogFile(home.resolve("chromedriver.log").toFile())
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
			Browser browser = new Browser(driver, home);
			browser.viewport(WIDTH, HEIGHT);
			return browser;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Sizes the window so that the page itself gets {@code width × height} (the window adds its own frame). */
	public void viewport(int width, int height) {
		driver.manage().window().setSize(new Dimension(width, height));
		java.util.List<?> frame = script("return [outerWidth - innerWidth, outerHeight - innerHeight]");
		driver.manage().window().setSize(new Dimension(width + ((Number) frame.get(0)).intValue(),
				height + ((Number) frame.get(1)).intValue()));
	}

	/**
	 * Lays pages out as a phone of {@code width × height} would (a window cannot be made that narrow); {@code null}
	 * goes back to the window's own size.
	 */
	public void phone(Integer width, Integer height) {
		if (width == null) {
			driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
		else {
			driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
		}
	}

	public WebDriver driver() {
		return driver;
	}

	/** Runs a script in the current page and answers its result. */
	@SuppressWarnings("unchecked")
	public <T> T script(String script, Object... arguments) {
		return (T) ((JavascriptExecutor) driver).executeScript(script, arguments);
	}

	/** Runs an asynchronous script, which calls its last argument with the result, and answers that result. */
	public Object asyncScript(String script, Object... arguments) {
		return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
	}

	/** Waits (up to 20 s) until {@code condition} answers something other than null or false, and answers that. */
	public <T> T await(String what, Function<WebDriver, T> condition) {
		return await(what, Duration.ofSeconds(20), condition);
	}

	/** Waits up to {@code patience} until {@code condition} answers something other than null or false. */
	public <T> T await(String what, Duration patience, Function<WebDriver, T> condition) {
		return new WebDriverWait(driver, patience).withMessage(what).until(condition);
	}

	/** Saves what the browser shows as {@code docs/screenshots/<name>.png} in the project. */
	public Path screenshot(String name) {
		try {
			Path target = Files.createDirectories(Path.of("docs", "screenshots")).resolve(name + ".png");
			File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		driver.quit();
	}

	/** Where this browser keeps its profile and driver log. */
	public Path home() {
		return home;
	}
}

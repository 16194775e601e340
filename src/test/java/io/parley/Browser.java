package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for browser tests, driven through W3C WebDriver with a fresh profile under {@code target/}, a fixed
 * window size, and screenshots kept in {@code docs/screenshots/}. It uses the machine's own browsers and drivers,
 * never a download:
 * <ul>
 * <li>{@link #start()}: headless Chromium, switched on by {@code PARLEY_TEST_BROWSER=1}, with
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver};</li>
 * <li>{@link #startWebKit()}: WebKit (Safari's engine) as WebKitGTK's MiniBrowser, switched on by
 * {@code PARLEY_TEST_WEBKIT=1}, driven by {@code /usr/bin/WebKitWebDriver} (Debian's {@code webkit2gtk-driver}) in
 * a virtual display of its own ({@code Xvfb}, Debian's {@code xvfb}).</li>
 * </ul>
 */
public final class Browser implements AutoCloseable {

	public static final String SWITCH = "PARLEY_TEST_BROWSER";
	/** What the Chromium tests need, for {@link SwitchedOn}. */
	public static final String NEEDS = "/usr/bin/chromium and /usr/bin/chromedriver";
	public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
	public static final String WEBKIT_SWITCH = "PARLEY_TEST_WEBKIT";
	/** What the WebKit tests need, for {@link SwitchedOn}. */
	public static final String WEBKIT_NEEDS = "/usr/bin/WebKitWebDriver from webkit2gtk-driver, WebKitGTK's MiniBrowser"
			+ " and /usr/bin/Xvfb";
	public static final Path WEBKIT_DRIVER = Path.of("/usr/bin/WebKitWebDriver");
	public static final Path XVFB = Path.of("/usr/bin/Xvfb");
	public static final int WIDTH = 1280;
	public static final int HEIGHT = 800;

	private final RemoteWebDriver driver;
	private final Path home;
	private final List<Process> processes;

	private Browser(RemoteWebDriver driver, Path home, List<Process> processes) {
		this.driver = driver;
		this.home = home;
		this.processes = processes;
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
			Browser browser = new Browser(driver, home, List.of());
			browser.viewport(WIDTH, HEIGHT);
			return browser;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** WebKitGTK's MiniBrowser, which Debian ships with {@code libwebkit2gtk-4.1-0}; null when there is none. */
	public static Path miniBrowser() {
		for (String api : List.of("4.1", "4.0", "6.0")) {
			for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib")) {
				Path candidate = Path.of(dir, (api.equals("6.0") ? "webkitgtk-" : "webkit2gtk-") + api, "MiniBrowser");
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	/**
	 * Skips the calling test class, saying why, unless WebKit tests are switched on; when they are, a missing
	 * MiniBrowser, WebKitWebDriver or Xvfb fails the test instead of silently skipping it.
	 */
	public static void requireWebKit() {
		if (!"1".equals(System.getenv(WEBKIT_SWITCH))) {
			String reason = "WebKit browser tests skipped: set " + WEBKIT_SWITCH + "=1 to run them (needs "
					+ WEBKIT_DRIVER + " from webkit2gtk-driver, WebKitGTK's MiniBrowser and " + XVFB + ").";
			System.out.println(reason);
			Assumptions.abort(reason);
		}
		assertThat(WEBKIT_DRIVER).as(WEBKIT_SWITCH + "=1 but WebKitWebDriver is missing").isExecutable();
		assertThat(miniBrowser()).as(WEBKIT_SWITCH + "=1 but WebKitGTK's MiniBrowser is missing").isNotNull();
		assertThat(XVFB).as(WEBKIT_SWITCH + "=1 but Xvfb is missing").isExecutable();
	}

	/**
	 * Starts WebKit (after {@link #requireWebKit()}): a virtual display of its own, WebKitWebDriver on a free port
	 * of the loopback, and a MiniBrowser in automation mode with a fresh home.
	 */
	public static Browser startWebKit() {
		requireWebKit();
		System.setProperty("SE_OFFLINE", "true");
		List<Process> processes = new ArrayList<>();
		try {
			Path work = Files.createDirectories(Path.of("target", "browser"));
			Path home = Files.createTempDirectory(work, "webkit-").toAbsolutePath();
			// -displayfd: Xvfb picks a free display itself and writes its number once it accepts clients.
			Process xvfb = new ProcessBuilder(XVFB.toString(), "-displayfd", "1", "-screen", "0", "1600x1200x24",
					"-nolisten", "tcp")
				.redirectError(home.resolve("xvfb.log").toFile())
				.start();
			processes.add(xvfb);
			String display = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			assertThat(display).as("Xvfb's display number (see " + home.resolve("xvfb.log") + ")").matches("\\d+");
			int port;
			try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = probe.getLocalPort();
			}
			ProcessBuilder driverProcess = new ProcessBuilder(WEBKIT_DRIVER.toString(), "--port=" + port)
				.redirectErrorStream(true)
				.redirectOutput(home.resolve("webkitwebdriver.log").toFile());
			Map<String, String> environment = driverProcess.environment();
			environment.put("DISPLAY", ":" + display);
			environment.put("HOME", home.toString());
			environment.put("XDG_CACHE_HOME", home.resolve("cache").toString());
			environment.put("XDG_DATA_HOME", home.resolve("data").toString());
			environment.put("XDG_CONFIG_HOME", home.resolve("config").toString());
			environment.remove("WAYLAND_DISPLAY");
			processes.add(driverProcess.start());
			URL url = URI.create("http://127.0.0.1:" + port).toURL();
			awaitDriver(url, home);

			MutableCapabilities capabilities = new MutableCapabilities();
			capabilities.setCapability("browserName", "MiniBrowser");
			capabilities.setCapability("webkitgtk:browserOptions",
					Map.of("binary", miniBrowser().toString(), "args", List.of("--automation")));
			RemoteWebDriver driver = new RemoteWebDriver(url, capabilities);
			driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
			Browser browser = new Browser(driver, home, processes);
			browser.viewport(WIDTH, HEIGHT);
			return browser;
		}
		catch (IOException e) {
			processes.reversed().forEach(Process::destroy);
			throw new UncheckedIOException(e);
		}
		catch (RuntimeException | Error e) {
			processes.reversed().forEach(Process::destroy);
			throw e;
		}
	}

	/** Waits (up to 20 s) until the WebDriver server at {@code url} answers its status. */
	private static void awaitDriver(URL url, Path home) throws IOException {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest status = HttpRequest.newBuilder(URI.create(url + "/status")).timeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			try {
				if (client.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException e) {
				// Not listening yet.
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException(e);
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("WebKitWebDriver did not start: see " + home.resolve("webkitwebdriver.log"));
			}
			LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
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
		ChromeDriver chrome = (ChromeDriver) driver;
		if (width == null) {
			chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
		else {
			chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
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
		try {
			driver.quit();
		}
		finally {
			processes.reversed().forEach(Process::destroy);
		}
	}

	/** Where this browser keeps its profile and driver log. */
	public Path home() {
		return home;
	}
}

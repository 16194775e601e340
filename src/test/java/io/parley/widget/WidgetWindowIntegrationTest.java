package io.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** The loader and the chat window as a browser fetches them: types, caching, security headers and size budgets. */
@IntegrationTest
class WidgetWindowIntegrationTest {

	static final int LOADER_BUDGET = 5 * 1024;
	static final int WINDOW_BUDGET = 40 * 1024;
	private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
	private static final Pattern ASSET_LINK = Pattern.compile("(?:src|href)=\"(/widget/[^\"]+)\"");

	@LocalServerPort
	int port;

	private HttpApi anonymous() {
		return HttpApi.anonymous(port);
	}

	private String poc(List<String> origins, String profileId, boolean active) {
		Map<String, Object> body = new HashMap<>(Map.of("name", "Window " + UUID.randomUUID(), "skill", "sales",
				"active", active, "allowedOrigins", origins));
		if (profileId != null) {
			body.put("chatProfileId", profileId);
		}
		Answer created = HttpApi.admin(port).post("/api/v1/points-of-contact", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/id").asString();
	}

	private String profile(Map<String, Object> appearance) {
		Answer created = HttpApi.admin(port).post("/api/v1/chat-profiles", Map.of("name", "Window " + UUID.randomUUID(),
				"interfaceVersion", "V1", "appearance", appearance));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/id").asString();
	}

	private Answer window(String pocId) {
		return anonymous().get("/widget/v1/points-of-contact/" + pocId + "/window");
	}

	static int gzippedSize(byte[] bytes) {
		try (var out = new java.io.ByteArrayOutputStream(); var zip = new GZIPOutputStream(out)) {
			zip.write(bytes);
			zip.finish();
			return out.size();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void servesTheLoaderAsCacheableJavaScriptWithinItsBudget() {
		Answer loader = anonymous().get("/widget/loader.js");
		assertThat(loader.status()).isEqualTo(200);
		assertThat(loader.header("Content-Type")).startsWith("text/javascript");
		assertThat(loader.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(loader.header("Cache-Control")).contains("public", "max-age=");
		assertThat(loader.text()).contains("attachShadow", "data-poc");
		String etag = loader.header("ETag");
		assertThat(etag).matches("\"[0-9a-f]+\"");

		assertThat(anonymous().with("If-None-Match", etag).get("/widget/loader.js").status()).isEqualTo(304);
		assertThat(anonymous().with("If-None-Match", "\"stale\"").get("/widget/loader.js").status()).isEqualTo(200);

		int gzipped = gzippedSize(loader.bytes());
		System.out.println("Widget loader: " + loader.bytes().length + " bytes, " + gzipped + " bytes gzipped (budget "
				+ LOADER_BUDGET + ")");
		assertThat(gzipped).isLessThanOrEqualTo(LOADER_BUDGET);
	}

	@Test
	void sendsTheGzippedFilesToBrowsersThatAcceptThem() throws IOException {
		Answer plain = anonymous().get("/widget/loader.js");
		Answer zipped = anonymous().with("Accept-Encoding", "gzip, deflate, br").get("/widget/loader.js");
		assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
		assertThat(zipped.header("Vary")).contains("Accept-Encoding");
		assertThat(zipped.header("ETag")).isNotEqualTo(plain.header("ETag"));
		try (var in = new GZIPInputStream(new ByteArrayInputStream(zipped.bytes()))) {
			assertThat(in.readAllBytes()).isEqualTo(plain.bytes());
		}
		assertThat(plain.header("Content-Encoding")).isNull();
	}

	@Test
	void windowPageIsFramedOnlyByTheAllowedOriginsAndRunsNoInlineScript() {
		String id = poc(List.of("https://shop.example.com", "http://localhost:3000"), null, true);
		Answer page = window(id);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(page.header("X-Frame-Options")).isNull();
		String policy = page.header("Content-Security-Policy");
		assertThat(policy).contains("frame-ancestors http://localhost:3000 https://shop.example.com")
			.contains("script-src 'self'")
			.contains("default-src 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval");

		String html = page.text();
		Matcher scripts = SCRIPT_TAG.matcher(html);
		int count = 0;
		while (scripts.find()) {
			count++;
			assertThat(scripts.group(1)).as("every script is a file or a JSON data block")
				.containsAnyOf(" src=", "type=\"application/json\"");
		}
		assertThat(count).isEqualTo(2);
		assertThat(html).doesNotContainPattern("(?i)\\son[a-z]+=").doesNotContain("style=");
		assertThat(html).contains("data-poc=\"" + id + "\"");
	}

	@Test
	void emptyAllowedOriginsLetAnySiteFrameTheWindow() {
		String policy = window(poc(List.of(), null, true)).header("Content-Security-Policy");
		assertThat(policy).contains("frame-ancestors *");
	}

	@Test
	void unknownMalformedOrInactivePointOfContactGetsANotFoundPage() {
		for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", poc(List.of(), null, false))) {
			Answer page = window(id);
			assertThat(page.status()).as(id).isEqualTo(404);
			assertThat(page.header("Content-Type")).startsWith("text/html");
			assertThat(page.text()).contains("not available").doesNotContain("parley-config");
		}
	}

	@Test
	void profileTextsStayDataInThePage() {
		String hostile = "</script><script>alert(1)</script><!-- \u2028 & \"quoted\"";
		String id = poc(List.of(), profile(Map.of("headerTitle", hostile, "welcomeMessage", hostile)), true);
		String html = window(id).text();
		assertThat(html).doesNotContain("<script>alert(1)");
		Matcher block = Pattern.compile("<script type=\"application/json\" id=\"parley-config\">(.*?)</script>",
				Pattern.DOTALL).matcher(html);
		assertThat(block.find()).isTrue();
		JsonNode config = HttpApi.JSON.readTree(block.group(1));
		assertThat(config.at("/appearance/headerTitle").asString()).isEqualTo(hostile);
		assertThat(config.at("/appearance/welcomeMessage").asString()).isEqualTo(hostile);
		assertThat(config.at("/pointOfContactId").asString()).isEqualTo(id);
		assertThat(html).contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)");
	}

	@Test
	void windowWithItsScriptAndStyleStaysWithinItsBudget() {
		String id = poc(List.of(), null, true);
		Answer page = window(id);
		int total = gzippedSize(page.bytes());
		Matcher links = ASSET_LINK.matcher(page.text());
		int files = 0;
		StringBuilder report = new StringBuilder("Widget window: page " + gzippedSize(page.bytes()));
		while (links.find()) {
			Answer file = anonymous().get(links.group(1));
			assertThat(file.status()).as(links.group(1)).isEqualTo(200);
			assertThat(file.header("Cache-Control")).as("versioned link").contains("immutable");
			int size = gzippedSize(file.bytes());
			report.append(", ").append(links.group(1).replaceAll("\\?.*", "")).append(' ').append(size);
			total += size;
			files++;
		}
		// The style, the window's script and the event module it shares with the agent console (preloaded).
		assertThat(files).as(report.toString()).isEqualTo(3);
		assertThat(report.toString()).contains("/widget/events.js");
		System.out.println(report + " = " + total + " bytes gzipped (budget " + WINDOW_BUDGET + ")");
		assertThat(total).isLessThanOrEqualTo(WINDOW_BUDGET);
	}

	@Test
	void unversionedWindowFilesAreRevalidated() {
		Answer script = anonymous().get("/widget/window.js");
		assertThat(script.status()).isEqualTo(200);
		assertThat(script.header("Content-Type")).startsWith("text/javascript");
		assertThat(script.header("Cache-Control")).contains("no-cache");
		assertThat(anonymous().get("/widget/window.css").header("Content-Type")).startsWith("text/css");
	}

	@Test
	void theWindowsOwnRequestsPassTheOriginCheck() {
		String id = poc(List.of("https://shop.example.com"), null, true);
		String path = "/widget/v1/points-of-contact/" + id + "/config";
		Answer own = anonymous().with("Origin", "http://localhost:" + port).get(path);
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.header("Access-Control-Allow-Origin")).isNull();
		assertThat(anonymous().with("Origin", "http://localhost:" + (port + 1)).get(path).status()).isEqualTo(403);
		assertThat(new String(own.bytes(), StandardCharsets.UTF_8)).contains(id);
	}
}

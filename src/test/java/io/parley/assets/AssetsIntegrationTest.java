package io.parley.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.parley.HostileInputs;
import io.parley.HttpApi;
import io.parley.HttpApi.Answer;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;

import tools.jackson.databind.JsonNode;

@IntegrationTest
class AssetsIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants testTenants;

	@Autowired
	Assets assets;

	@Autowired
	JdbcClient jdbc;

	@Test
	void uploadsEachAcceptedTypeWithItsSize() throws Exception {
		assertUploaded(TestImages.png(300, 200), "image/png", 300, 200);
		assertUploaded(TestImages.jpeg(64, 48), "image/jpeg", 64, 48);
		assertUploaded(TestImages.gif(30, 20), "image/gif", 30, 20);
		assertUploaded(TestImages.webpLossless(120, 80, 0xFF0B5FFF), "image/webp", 120, 80);
		assertUploaded(TestImages.webpExtended(90, 60, 90, 60, 0x800B5FFF), "image/webp", 90, 60);
		assertUploaded(TestImages.WEBP_LOSSY_1X1, "image/webp", 1, 1);
	}

	@Test
	void servesTheImagePubliclyWithImmutableCachingOverHttp() throws Exception {
		byte[] png = TestImages.png(40, 30);
		JsonNode asset = upload(png);
		String url = asset.at("/url").asString();

		Answer served = HttpApi.anonymous(port).get(url);
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.bytes()).isEqualTo(png);
		assertThat(served.header("Content-Type")).isEqualTo("image/png");
		assertThat(served.response().headers().allValues("Cache-Control"))
			.containsExactly("public, max-age=31536000, immutable");
		assertThat(served.header("Pragma")).isNull();
		assertThat(served.header("Expires")).isNull();
		assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(served.header("ETag")).isEqualTo("\"" + sha256(png) + "\"");
		assertThat(served.header("Content-Disposition")).startsWith("inline");
		assertThat(served.header("Content-Security-Policy")).isEqualTo("default-src 'none'");

		Answer notModified = HttpApi.anonymous(port).with("If-None-Match", served.header("ETag")).get(url);
		assertThat(notModified.status()).isEqualTo(304);
		assertThat(notModified.bytes()).isEmpty();
		assertThat(notModified.header("ETag")).isEqualTo(served.header("ETag"));
		assertThat(notModified.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");

		Answer otherTag = HttpApi.anonymous(port).with("If-None-Match", "\"" + sha256(new byte[1]) + "\"").get(url);
		assertThat(otherTag.status()).isEqualTo(200);
		assertThat(otherTag.bytes()).isEqualTo(png);
	}

	@Test
	void judgesAnUploadByItsBytesNotItsNameOrDeclaredType() {
		HttpApi admin = HttpApi.admin(port);
		Answer svg = admin.send("POST", "/api/v1/assets",
				Multipart.file("logo.png", "image/png", HostileInputs.upload("svg_as_png").getBytes(StandardCharsets.UTF_8)),
				Multipart.CONTENT_TYPE);
		assertUnsupported(svg);
		assertThat(svg.json().at("/detail").asString()).contains("markup");

		Answer html = admin.send("POST", "/api/v1/assets",
				Multipart.file("photo.jpeg", "image/jpeg", HostileInputs.upload("html_as_jpeg").getBytes(StandardCharsets.UTF_8)),
				Multipart.CONTENT_TYPE);
		assertUnsupported(html);

		assertUnsupported(admin.send("POST", "/api/v1/assets",
				Multipart.file("notes.gif", "image/gif", "not an image at all".getBytes(StandardCharsets.UTF_8)),
				Multipart.CONTENT_TYPE));

		Answer png = admin.send("POST", "/api/v1/assets",
				Multipart.file("drawing.svg", "image/svg+xml", TestImages.png(5, 4)), Multipart.CONTENT_TYPE);
		assertThat(png.status()).isEqualTo(201);
		assertThat(png.json().at("/contentType").asString()).isEqualTo("image/png");
	}

	@Test
	void refusesAnEmptyFileWith415() {
		Answer answer = HttpApi.admin(port).send("POST", "/api/v1/assets", Multipart.file("empty.png", "image/png", new byte[0]),
				Multipart.CONTENT_TYPE);
		assertUnsupported(answer);
		assertThat(answer.json().at("/detail").asString()).contains("empty");
	}

	@Test
	void acceptsAFileWithoutAName() {
		byte[] emptyName = Multipart.file("", null, TestImages.gif(8, 6));
		Answer answer = HttpApi.admin(port).send("POST", "/api/v1/assets", emptyName, Multipart.CONTENT_TYPE);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		assertThat(answer.json().at("/contentType").asString()).isEqualTo("image/gif");

		byte[] noFilename = Multipart.body("file", null, null, TestImages.png(8, 6));
		Answer bare = HttpApi.admin(port).send("POST", "/api/v1/assets", noFilename, Multipart.CONTENT_TYPE);
		assertThat(bare.status()).as(bare.toString()).isEqualTo(201);
		assertThat(bare.json().at("/width").asInt()).isEqualTo(8);
	}

	@Test
	void servesAGifWithAScriptTailAsAGifThatIsNeverSniffed() {
		byte[] gif = TestImages.concat(TestImages.gif(12, 10), "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
		JsonNode asset = upload(gif);
		assertThat(asset.at("/contentType").asString()).isEqualTo("image/gif");
		Answer served = HttpApi.anonymous(port).get(asset.at("/url").asString());
		assertThat(served.header("Content-Type")).isEqualTo("image/gif");
		assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(served.header("Content-Security-Policy")).isEqualTo("default-src 'none'");
		assertThat(served.bytes()).isEqualTo(gif);
	}

	@Test
	void refusesAFileOverOneMebibyteWith413() {
		// About 1.5 MiB: over the file limit, under the request limit.
		byte[] png = TestImages.noisyPng(700, 700, 11);
		assertThat(png.length).isBetween(1024 * 1024 + 1, 2 * 1024 * 1024 - 1024);
		assertTooLarge(HttpApi.admin(port).send("POST", "/api/v1/assets", Multipart.file("big.png", "image/png", png),
				Multipart.CONTENT_TYPE));
	}

	@Test
	void refusesATwoMebibytePngWith413() {
		// Over the whole request's limit too.
		byte[] png = TestImages.noisyPng(850, 850, 12);
		assertThat(png.length).isGreaterThan(2 * 1024 * 1024);
		assertTooLarge(HttpApi.admin(port).send("POST", "/api/v1/assets", Multipart.file("huge.png", "image/png", png),
				Multipart.CONTENT_TYPE));
	}

	@Test
	void refusesAHeaderClaiming100000By100000PixelsWith400() {
		Answer answer = HttpApi.admin(port).send("POST", "/api/v1/assets",
				Multipart.file("bomb.png", "image/png", TestImages.pngClaiming(100_000, 100_000)), Multipart.CONTENT_TYPE);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().at("/errors/0/field").asString()).isEqualTo("file");
		assertThat(answer.json().at("/detail").asString()).contains("100000×100000", "4096×4096");
	}

	@Test
	void refusesATruncatedPngWith400() {
		byte[] png = TestImages.noisyPng(200, 200, 13);
		Answer answer = HttpApi.admin(port).send("POST", "/api/v1/assets",
				Multipart.file("cut.png", "image/png", TestImages.cut(png, png.length / 2)), Multipart.CONTENT_TYPE);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().at("/errors/0/field").asString()).isEqualTo("file");
		assertThat(answer.json().at("/detail").asString()).contains("cannot be read");
	}

	@Test
	void refusesAnUploadWithoutAFilePart() {
		Answer wrongPart = HttpApi.admin(port).send("POST", "/api/v1/assets",
				Multipart.body("image", "logo.png", "image/png", TestImages.png(4, 4)), Multipart.CONTENT_TYPE);
		assertThat(wrongPart.status()).isEqualTo(400);
		assertThat(wrongPart.header("Content-Type")).startsWith("application/problem+json");
		assertThat(wrongPart.json().at("/errors/0/field").asString()).isEqualTo("file");

		Answer json = HttpApi.admin(port).post("/api/v1/assets", Map.of("file", "iVBORw0KGgo="));
		assertThat(json.status()).isEqualTo(415);
		assertThat(json.header("Content-Type")).startsWith("application/problem+json");

		Answer raw = HttpApi.admin(port).send("POST", "/api/v1/assets", TestImages.png(4, 4), "image/png");
		assertThat(raw.status()).isEqualTo(415);
		assertThat(raw.header("Content-Type")).startsWith("application/problem+json");

		Answer broken = HttpApi.admin(port).send("POST", "/api/v1/assets", "--nope\r\ngarbage",
				Multipart.CONTENT_TYPE);
		assertThat(broken.status()).isBetween(400, 499);
		assertThat(broken.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void describesAnAssetOnlyToItsTenant() {
		JsonNode asset = upload(TestImages.png(16, 9));
		String id = asset.at("/id").asString();
		Answer mine = HttpApi.admin(port).get("/api/v1/assets/" + id);
		assertThat(mine.status()).isEqualTo(200);
		assertThat(mine.json()).isEqualTo(asset);

		String other = testTenants.tenantWithAdmin("other-tenant-password");
		Answer theirs = HttpApi.basic(port, other, "other-tenant-password").get("/api/v1/assets/" + id);
		assertThat(theirs.status()).isEqualTo(404);
		assertThat(theirs.header("Content-Type")).startsWith("application/problem+json");

		UUID adminTenant = jdbc.sql("select tenant_id from app_user where username = 'admin'").query(UUID.class).single();
		UUID otherTenant = jdbc.sql("select tenant_id from app_user where username = ?").param(other).query(UUID.class).single();
		assertThat(assets.existsInTenant(adminTenant, UUID.fromString(id))).isTrue();
		assertThat(assets.existsInTenant(otherTenant, UUID.fromString(id))).isFalse();
	}

	@Test
	void answersUnknownAndMalformedIdsWithProblems() {
		HttpApi anonymous = HttpApi.anonymous(port);
		Answer unknown = anonymous.get("/assets/" + UUID.randomUUID());
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");

		for (String id : List.of("not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "%00", "1")) {
			Answer malformed = anonymous.get("/assets/" + id);
			assertThat(malformed.status()).as(id).isIn(400, 404);
		}
		Answer malformed = anonymous.get("/assets/not-a-uuid");
		assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");

		assertThat(HttpApi.admin(port).get("/api/v1/assets/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(HttpApi.admin(port).get("/api/v1/assets/nope").status()).isEqualTo(400);
	}

	@Test
	void onlyAnAdminMayUpload() {
		String name = "asset-agent-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(HttpApi.admin(port).post("/api/v1/users", Map.of("username", name, "displayName", "Agent",
				"password", "agent-password", "roles", List.of("AGENT"))).status()).isEqualTo(201);
		byte[] body = Multipart.file("logo.png", "image/png", TestImages.png(4, 4));

		Answer agent = HttpApi.basic(port, name, "agent-password").send("POST", "/api/v1/assets", body, Multipart.CONTENT_TYPE);
		assertThat(agent.status()).isEqualTo(403);
		assertThat(agent.header("Content-Type")).startsWith("application/problem+json");

		Answer anonymous = HttpApi.anonymous(port).send("POST", "/api/v1/assets", body, Multipart.CONTENT_TYPE);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
	}

	private JsonNode upload(byte[] image) {
		Answer answer = HttpApi.admin(port).send("POST", "/api/v1/assets", Multipart.file("image.bin", "application/octet-stream", image),
				Multipart.CONTENT_TYPE);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		return answer.json();
	}

	private void assertUploaded(byte[] image, String contentType, int width, int height) throws Exception {
		Answer answer = HttpApi.admin(port).send("POST", "/api/v1/assets", Multipart.file("image", contentType, image),
				Multipart.CONTENT_TYPE);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		JsonNode json = answer.json();
		String id = json.at("/id").asString();
		assertThat(answer.header("Location")).endsWith("/api/v1/assets/" + id);
		assertThat(json.at("/contentType").asString()).isEqualTo(contentType);
		assertThat(json.at("/width").asInt()).isEqualTo(width);
		assertThat(json.at("/height").asInt()).isEqualTo(height);
		assertThat(json.at("/bytes").asInt()).isEqualTo(image.length);
		assertThat(json.at("/sha256").asString()).isEqualTo(sha256(image));
		assertThat(json.at("/url").asString()).isEqualTo("/assets/" + id);
		Answer served = HttpApi.anonymous(port).get("/assets/" + id);
		assertThat(served.header("Content-Type")).isEqualTo(contentType);
		assertThat(served.bytes()).isEqualTo(image);
	}

	private static void assertUnsupported(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(415);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().at("/status").asInt()).isEqualTo(415);
		assertThat(answer.json().at("/detail").asString()).contains("PNG, JPEG, GIF and WebP");
		assertThat(answer.json().at("/acceptedTypes").valueStream().map(JsonNode::asString))
			.containsExactly("image/png", "image/jpeg", "image/gif", "image/webp");
	}

	private static void assertTooLarge(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().at("/status").asInt()).isEqualTo(413);
		assertThat(answer.json().at("/detail").asString()).contains("1 MiB");
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}
}

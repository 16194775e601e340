package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;
import io.parley.assets.Multipart;
import io.parley.assets.TestImages;

/**
 * The profile editor's image fields without script, over real HTTP (the multipart limits are the servlet
 * container's, which MockMvc does not have): a form with a file over the limit comes back as the editor with the
 * message next to that image and what became of the rest of the form; the API, and the editor's script upload,
 * keep answering such an upload with their 413 problem.
 */
@IntegrationTest
class ChatProfileImageFormIntegrationTest {

	static final String PASSWORD = "console-image-form-password";
	static final String BOUNDARY = "parley-form-boundary-3c9e";

	@Autowired
	TestTenants tenants;

	@LocalServerPort
	int port;

	final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER).build();

	String admin;

	@BeforeEach
	void logIn() throws Exception {
		admin = tenants.tenantWithAdmin(PASSWORD);
		HttpResponse<String> login = get("/login");
		HttpResponse<String> signedIn = send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(Map.of("username", admin, "password", PASSWORD,
					"_csrf", csrf(login.body())).entrySet().stream()
				.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&")))));
		assertThat(signedIn.statusCode()).isEqualTo(302);
	}

	@Test
	void aNewProfilesLogoOverOneMebibyteComesBackAsTheEditorWithTheMessageAtTheLogo() throws Exception {
		// About 1.5 MiB: over the file limit, under the form's.
		byte[] big = TestImages.noisyPng(700, 700, 21);
		assertThat(big.length).isBetween(1024 * 1024 + 1, 2 * 1024 * 1024 - 4096);
		String editor = get("/console/chat-profiles/new").body();
		Map<String, String> fields = fields(csrf(editor), "Big logo");
		fields.put("interfaceVersion", "V1");

		HttpResponse<String> refused = postForm("/console/chat-profiles", fields, "logoFile", "big.png", big);

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(303);
		assertThat(refused.headers().firstValue("Location")).hasValue("/console/chat-profiles/new");
		String page = get("/console/chat-profiles/new").body();
		assertImageError(page, "f-logoAssetId");
		assertThat(page).contains("Nothing was saved", "the form starts again from the defaults");
		assertThat(page).contains("<a href=\"#f-logoAssetId\"><span>Logo</span></a>");
		// the message is shown once: the next visit is the plain editor again
		assertThat(get("/console/chat-profiles/new").body()).doesNotContain("Nothing was saved", "the most an image may have");
	}

	@Test
	void anExistingProfilesHeroImageOverTheFormLimitComesBackAsItsEditorSayingSo() throws Exception {
		String editor = get("/console/chat-profiles/new").body();
		HttpResponse<String> created = postForm("/console/chat-profiles", fields(csrf(editor), "Queue look"), null,
				null, null);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
		Map<String, String> fields = fields(csrf(get(path).body()), "Queue look, renamed");
		fields.put("version", "1");
		fields.put("waitingQueue.enabled", "true");

		// about 1.5 MiB as the hero image: refused at its field, the profile unchanged
		HttpResponse<String> refused = postForm(path, fields, "heroImageFile", "hero.png",
				TestImages.noisyPng(700, 700, 22));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(303);
		assertThat(refused.headers().firstValue("Location")).hasValue(path);
		String page = get(path).body();
		assertImageError(page, "f-waitingQueue-heroImageAssetId");
		assertThat(page).contains("this is the profile as last saved", "value=\"Queue look\"")
			.doesNotContain("renamed");

		// over 2 MiB: the whole form is over its limit, and the container does not say which file it was
		byte[] huge = TestImages.noisyPng(850, 850, 23);
		assertThat(huge.length).isGreaterThan(2 * 1024 * 1024);
		refused = postForm(path, fields, "heroImageFile", "hero.png", huge);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(303);
		page = get(path).body();
		assertThat(page).contains("Nothing was saved: the form with its images was too large to be read",
				"at most 1 MiB (1048576 bytes)", "this is the profile as last saved");
		assertThat(page).doesNotContain("class=\"field-error\" id=\"f-waitingQueue-heroImageAssetId-error\">");

		// and a form that fits is saved as ever
		fields.put("_csrf", csrf(page));
		HttpResponse<String> saved = postForm(path, fields, "heroImageFile", "hero.png", TestImages.png(200, 80));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		assertThat(get(path).body()).contains("value=\"Queue look, renamed\"", "Saved as version 2.");
	}

	@Test
	void theApiStillAnswersAnOversizedUploadWithItsProblem() {
		byte[] big = TestImages.noisyPng(700, 700, 24);
		HttpApi.Answer answer = HttpApi.basic(port, admin, PASSWORD).send("POST", "/api/v1/assets",
				Multipart.file("big.png", "image/png", big), Multipart.CONTENT_TYPE);
		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().at("/title").asString()).isEqualTo("Upload too large");
	}

	@Test
	void theEditorsScriptUploadStillAnswersAnOversizedImageWithItsProblem() throws Exception {
		String editor = get("/console/chat-profiles/new").body();
		HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/console/assets"))
			.header("Content-Type", Multipart.CONTENT_TYPE)
			.header("X-CSRF-TOKEN", csrf(editor))
			.POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.file("big.png", "image/png",
					TestImages.noisyPng(700, 700, 25)))));
		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
	}

	private static void assertImageError(String page, String id) {
		Matcher error = Pattern.compile("<p class=\"field-error\" id=\"" + Pattern.quote(id) + "-error\"([^>]*)>([^<]*)</p>")
			.matcher(page);
		assertThat(error.find()).as("the error next to " + id).isTrue();
		assertThat(error.group(1)).doesNotContain("hidden");
		assertThat(error.group(2)).isEqualTo("The file is larger than 1 MiB (1048576 bytes), the most an image may have.");
		assertThat(page).contains("aria-invalid=\"true\" aria-describedby=\"" + id + "-hint " + id + "-error\"");
	}

	/** The editor's form as a browser without script sends it: every field of a V2 profile. */
	private static Map<String, String> fields(String csrf, String name) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_csrf", csrf);
		fields.put("version", "0");
		fields.put("name", name);
		fields.put("interfaceVersion", "V2");
		return fields;
	}

	private HttpResponse<String> postForm(String path, Map<String, String> fields, String fileField, String fileName,
			byte[] file) throws IOException, InterruptedException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, String> field : fields.entrySet()) {
			body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
					+ field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		if (fileField != null) {
			body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fileField
					+ "\"; filename=\"" + fileName + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.writeBytes(file);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpResponse<String> page = send(HttpRequest.newBuilder(uri(path)).GET());
		assertThat(page.statusCode()).as(path).isEqualTo(200);
		return page;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port).resolve(path);
	}

	private static String csrf(String page) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(m.find()).as("a CSRF token in the page").isTrue();
		return m.group(1);
	}
}

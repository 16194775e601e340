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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
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
import io.parley.profiles.PreChatFieldType;
import io.parley.profiles.PreChatForm;
import tools.jackson.databind.JsonNode;

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
	void savesAProfileWithTheMostPreChatFieldsTheEditorAllowsWithItsImagesFromTheFormAsTheEditorSendsIt()
			throws Exception {
		String id = profileWithFields(PreChatForm.FIELDS_MAX);
		String path = "/console/chat-profiles/" + id;
		List<String[]> form = formOf(get(path).body());
		// every input of the largest form the editor makes, with both images chosen: far more than 50 parts
		assertThat(form.size()).as("parts of the editor's form: " + form.stream().map(p -> p[0]).toList()).isGreaterThan(7 * PreChatForm.FIELDS_MAX);
		set(form, "name", "Everything, edited");
		set(form, "preChatForm.fields[" + (PreChatForm.FIELDS_MAX - 1) + "].label", "The last question, edited");
		set(form, "waitingQueue.enabled", "true");

		HttpResponse<String> saved = postParts(path, form, Map.of("waitingQueueLogoFile", TestImages.png(120, 60),
				"heroImageFile", TestImages.png(600, 200)));

		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		assertThat(URI.create(saved.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo(path);
		assertThat(get(path).body()).contains("Saved as version 2.");
		JsonNode profile = HttpApi.basic(port, admin, PASSWORD).get("/api/v1/chat-profiles/" + id).json();
		assertThat(profile.at("/name").asString()).isEqualTo("Everything, edited");
		assertThat(profile.at("/preChatForm/fields").size()).isEqualTo(PreChatForm.FIELDS_MAX);
		assertThat(profile.at("/preChatForm/fields/" + (PreChatForm.FIELDS_MAX - 1) + "/label").asString())
			.isEqualTo("The last question, edited");
		int select = List.of(PreChatFieldType.values()).indexOf(PreChatFieldType.SELECT);
		assertThat(profile.at("/preChatForm/fields/" + select + "/options").size()).isEqualTo(3);
		assertThat(profile.at("/waitingQueue/logoAssetId").isString()).isTrue();
		assertThat(profile.at("/waitingQueue/heroImageAssetId").isString()).isTrue();
	}

	@Test
	void aFormWithMorePartsThanAnyEditorFormComesBackSayingSoNotThatItsImagesWereTooLarge() throws Exception {
		String id = profileWithFields(1);
		String path = "/console/chat-profiles/" + id;
		List<String[]> form = formOf(get(path).body());
		set(form, "name", "Never saved");
		for (int i = 0; i < 2000; i++) {
			form.add(new String[] { "extra" + i, "x" });
		}
		HttpResponse<String> refused = postParts(path, form, Map.of("heroImageFile", TestImages.png(60, 60)));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(303);
		assertThat(refused.headers().firstValue("Location")).hasValue(path);
		String page = get(path).body();
		assertThat(page).contains("Nothing was saved: the form had more parts than Parley reads",
				"this is the profile as last saved");
		assertThat(page).doesNotContain("too large", "Choose smaller images", "Never saved");
	}

	/** A V2 profile, made through the API, with {@code count} pre-chat fields of every type. */
	private String profileWithFields(int count) {
		List<Map<String, Object>> fields = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			PreChatFieldType type = PreChatFieldType.values()[i % PreChatFieldType.values().length];
			Map<String, Object> field = new LinkedHashMap<>(Map.of("key", "field" + i, "label", "Question " + i,
					"type", type.name(), "required", i % 2 == 0));
			if (type == PreChatFieldType.SELECT) {
				field.put("options", List.of("One", "Two", "Three"));
			}
			if (type.takesMaxLength()) {
				field.put("maxLength", 100 + i);
			}
			fields.add(field);
		}
		HttpApi.Answer created = HttpApi.basic(port, admin, PASSWORD).post("/api/v1/chat-profiles", Map.of(
				"name", "Many fields " + UUID.randomUUID(), "interfaceVersion", "V2",
				"preChatForm", Map.of("enabled", true, "fields", fields)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/id").asString();
	}

	/**
	 * What a browser sends for the editor's form on {@code page}: every named input, textarea and select with its
	 * value, checked boxes only, an empty part for each file input, no submit buttons.
	 */
	static List<String[]> formOf(String page) {
		int start = page.indexOf("id=\"profile-form\"");
		String form = page.substring(start, page.indexOf("</form>", start));
		List<String[]> parts = new ArrayList<>();
		Matcher element = Pattern.compile("<(input|textarea|select)\\b([^>]*)>").matcher(form);
		while (element.find()) {
			Map<String, String> attributes = new LinkedHashMap<>();
			Matcher attribute = Pattern.compile("([a-zA-Z-]+)(?:=\"([^\"]*)\")?").matcher(element.group(2));
			while (attribute.find()) {
				attributes.put(attribute.group(1), attribute.group(2) == null ? "" : unescape(attribute.group(2)));
			}
			String name = attributes.get("name");
			String type = attributes.getOrDefault("type", "text");
			if (name == null || (type.equals("checkbox") || type.equals("radio")) && !attributes.containsKey("checked")) {
				continue;
			}
			String content = element.group(1).equals("input") ? ""
					: form.substring(element.end(), form.indexOf("</" + element.group(1) + ">", element.end()));
			String value = switch (element.group(1)) {
				case "textarea" -> unescape(content);
				case "select" -> {
					Matcher selected = Pattern.compile("<option value=\"([^\"]*)\" selected").matcher(content);
					yield selected.find() ? unescape(selected.group(1)) : "";
				}
				default -> type.equals("file") ? null : attributes.getOrDefault("value", "");
			};
			parts.add(new String[] { name, value });
		}
		return parts;
	}

	private static String unescape(String html) {
		return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
			.replace("&#10;", "\n").replace("&amp;", "&");
	}

	private static void set(List<String[]> form, String name, String value) {
		form.removeIf(part -> part[0].equals(name));
		form.add(new String[] { name, value });
	}

	/** Posts {@code form} as multipart, a null value being a file input: with the file of {@code files}, or empty. */
	private HttpResponse<String> postParts(String path, List<String[]> form, Map<String, byte[]> files)
			throws IOException, InterruptedException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (String[] part : form) {
			if (part[1] == null) {
				byte[] file = files.getOrDefault(part[0], new byte[0]);
				body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part[0]
						+ "\"; filename=\"" + (file.length == 0 ? "" : part[0] + ".png") + "\"\r\nContent-Type: "
						+ (file.length == 0 ? "application/octet-stream" : "image/png") + "\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
				body.writeBytes(file);
				body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
			}
			else {
				body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part[0]
						+ "\"\r\n\r\n" + part[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
			}
		}
		body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
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

package io.parley;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for integration tests: real requests to the running Parley, answers as JSON trees. */
public final class HttpApi {

	public static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;
	private final String authorization;
	private final Map<String, String> headers = new LinkedHashMap<>();

	private HttpApi(String base, String authorization) {
		this.base = base;
		this.authorization = authorization;
	}

	public static HttpApi anonymous(int port) {
		return new HttpApi("http://localhost:" + port, null);
	}

	public static HttpApi basic(int port, String username, String password) {
		return new HttpApi("http://localhost:" + port, "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	public static HttpApi bearer(int port, String token) {
		return new HttpApi("http://localhost:" + port, "Bearer " + token);
	}

	public static HttpApi admin(int port) {
		return basic(port, "admin", IntegrationTest.ADMIN_PASSWORD);
	}

	/** A copy that sends one more header on every request. */
	public HttpApi with(String name, String value) {
		HttpApi copy = new HttpApi(base, authorization);
		copy.headers.putAll(headers);
		copy.headers.put(name, value);
		return copy;
	}

	public Answer get(String path) {
		return send("GET", path, null, null);
	}

	public Answer delete(String path) {
		return send("DELETE", path, null, null);
	}

	public Answer post(String path, Object body) {
		return send("POST", path, body, "application/json");
	}

	public Answer put(String path, Object body) {
		return send("PUT", path, body, "application/json");
	}

	/** Sends a body as given (a String is sent verbatim, anything else as JSON). */
	public Answer send(String method, String path, Object body, String contentType) {
		BodyPublisher publisher;
		if (body == null) {
			publisher = BodyPublishers.noBody();
		}
		else if (body instanceof byte[] bytes) {
			publisher = BodyPublishers.ofByteArray(bytes);
		}
		else if (body instanceof String text) {
			publisher = BodyPublishers.ofString(text);
		}
		else {
			publisher = BodyPublishers.ofString(JSON.writeValueAsString(body));
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, publisher);
		if (contentType != null && body != null) {
			request.header("Content-Type", contentType);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		headers.forEach(request::header);
		try {
			HttpResponse<byte[]> response = CLIENT.send(request.build(), BodyHandlers.ofByteArray());
			return new Answer(response);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** An HTTP answer. */
	public record Answer(HttpResponse<byte[]> response) {

		public int status() {
			return response.statusCode();
		}

		public String text() {
			return new String(response.body(), StandardCharsets.UTF_8);
		}

		public byte[] bytes() {
			return response.body();
		}

		public JsonNode json() {
			return JSON.readTree(response.body());
		}

		public String header(String name) {
			return response.headers().firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return response.statusCode() + " " + text();
		}
	}
}

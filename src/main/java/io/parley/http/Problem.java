package io.parley.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;
import io.parley.shared.FieldViolation;

/**
 * The one place that builds Parley's RFC 9457 problems. Its type is {@code https://parley.io/problems/} followed by
 * the title in lower case with dashes ("Invalid input": {@code invalid-input}) unless {@link #type(String)} names
 * another. Controllers answer {@link #answer()} (Spring MVC adds the {@code instance}); filters and security entry
 * points, which run before MVC, {@link #writeTo(HttpServletResponse) write} the same fields themselves.
 */
public final class Problem {

	private static final String TYPES = "https://parley.io/problems/";
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpStatus status;
	private final String title;
	private final String detail;
	private String type;
	private final Map<String, Object> properties = new LinkedHashMap<>();

	private Problem(HttpStatus status, String title, String detail) {
		this.status = status;
		this.title = title;
		this.detail = detail;
		this.type = TYPES + title.toLowerCase().replace(' ', '-');
	}

	public static Problem of(HttpStatus status, String title, String detail) {
		return new Problem(status, title, detail);
	}

	/** The type Parley gives a problem of this title. */
	public static URI typeOf(String title) {
		return URI.create(of(HttpStatus.INTERNAL_SERVER_ERROR, title, null).type);
	}

	/** Another type than the title's, e.g. {@code "busy"} for "Service busy". */
	public Problem type(String name) {
		this.type = TYPES + name;
		return this;
	}

	/** One more member of the problem, e.g. {@code retryAfterSeconds}. */
	public Problem with(String name, Object value) {
		properties.put(name, value);
		return this;
	}

	/** The fields at fault, as {@code errors: [{"field", "message"}]}; none adds nothing. */
	public Problem errors(List<FieldViolation> violations) {
		if (violations != null && !violations.isEmpty()) {
			with("errors", violations.stream().map(v -> Map.of("field", v.field(), "message", v.message())).toList());
		}
		return this;
	}

	public HttpStatus status() {
		return status;
	}

	/** As Spring's problem, for a controller's answer. */
	public ProblemDetail detail() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create(type));
		properties.forEach(problem::setProperty);
		return problem;
	}

	/** A controller's answer: the status, {@code application/problem+json} and this problem. */
	public ResponseEntity<ProblemDetail> answer() {
		return response().body(detail());
	}

	/** The start of a controller's answer, for headers of its own; its body is {@link #detail()}. */
	public ResponseEntity.BodyBuilder response() {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	/** The problem as JSON, for answers written without Spring MVC. */
	public byte[] json() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("title", title);
		body.put("status", status.value());
		if (detail != null) {
			body.put("detail", detail);
		}
		body.putAll(properties);
		return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
	}

	/** Answers with this problem from a filter or security handler: status, content type and body. */
	public void writeTo(HttpServletResponse response) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json());
	}
}

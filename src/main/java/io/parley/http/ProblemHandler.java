package io.parley.http;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.parley.database.DatabaseOutage;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import io.parley.shared.ConflictException;
import io.parley.shared.FieldViolation;
import io.parley.shared.InvalidInputException;
import io.parley.shared.NotFoundException;
import io.parley.shared.StaleVersionException;

/**
 * Turns every error into an RFC 9457 problem. Client mistakes get a 4xx with a message a person understands and,
 * for validation, the field at fault; a database out of reach gets a 503 with {@code Retry-After}; anything else is
 * logged and answered with a 500 that reveals nothing.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Object> invalid(InvalidInputException e) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", describe(e.violations()), e.violations());
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<Object> notFound(NotFoundException e) {
		return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null);
	}

	@ExceptionHandler(ConflictException.class)
	ResponseEntity<Object> conflict(ConflictException e) {
		return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), null);
	}

	@ExceptionHandler(StaleVersionException.class)
	ResponseEntity<Object> stale(StaleVersionException e) {
		return problem(HttpStatus.PRECONDITION_FAILED, "Precondition failed", e.getMessage(), null);
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<Object> duplicate(DuplicateKeyException e) {
		log.debug("Duplicate key", e);
		return problem(HttpStatus.CONFLICT, "Conflict", "A resource with the same unique value already exists.", null);
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<Object> integrity(DataIntegrityViolationException e) {
		log.info("Rejected by a database constraint: {}", e.getMostSpecificCause().getMessage());
		return problem(HttpStatus.CONFLICT, "Conflict", "The change conflicts with the current data.", null);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
		String expected = e.getRequiredType() == null ? "a different type" : e.getRequiredType().getSimpleName();
		String field = e.getName();
		String message = "UUID".equals(expected) ? "must be a UUID" : "must be of type " + expected;
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", field + " " + message,
				List.of(new FieldViolation(field, message)));
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> multipart(MultipartException e) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid upload", "The request is not a valid multipart upload.", null);
	}

	/**
	 * Everything else: a 503 with {@code Retry-After} when the database is out of reach or did not answer in time
	 * (also while checking credentials, which Spring Security wraps), otherwise a 500.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception e) {
		if (DatabaseOutage.explains(e)) {
			log.warn("Answered 503, the database is out of reach: {}", NestedExceptionUtils.getMostSpecificCause(e).toString());
			Problem unavailable = Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
					"Parley cannot reach its database right now. Please try again in a few seconds.");
			return unavailable.response()
				.header(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfter())
				.body(unavailable.detail());
		}
		log.error("Unexpected error", e);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"Something went wrong on our side. The error has been logged.", null);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof JacksonException jackson && !(cause instanceof StreamReadException)) {
			String field = path(jackson);
			String message = switch (jackson) {
				case UnrecognizedPropertyException u -> "is not a known property";
				case InvalidFormatException f when f.getTargetType() != null && f.getTargetType().isEnum() ->
					"must be one of " + List.of(f.getTargetType().getEnumConstants());
				case InvalidFormatException f -> "has an invalid value for " + simpleType(f.getTargetType());
				case MismatchedInputException m when m.getTargetType() != null && m.getTargetType().isEnum() ->
					"must be one of " + List.of(m.getTargetType().getEnumConstants());
				case MismatchedInputException m -> "must be " + simpleType(m.getTargetType());
				default -> "is invalid";
			};
			if (field.isEmpty()) {
				return problem(HttpStatus.BAD_REQUEST, "Malformed request body", "The request body " + message + ".", null);
			}
			return problem(HttpStatus.BAD_REQUEST, "Invalid input", field + " " + message,
					List.of(new FieldViolation(field, message)));
		}
		return problem(HttpStatus.BAD_REQUEST, "Malformed request body",
				"The request body is missing or is not valid JSON.", null);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = ex.getBindingResult().getFieldErrors().stream()
			.map(f -> new FieldViolation(f.getField(), f.getDefaultMessage()))
			.toList();
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", describe(violations), violations);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getParameterName() + " is required",
				List.of(new FieldViolation(ex.getParameterName(), "is required")));
	}

	/** Spring's own problems (405, 415, 406, 404 of unknown paths…) get a type like ours instead of about:blank. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && (problem.getType() == null
				|| "about:blank".equals(problem.getType().toString()))) {
			problem.setType(Problem.typeOf(problem.getTitle() == null ? "error" : problem.getTitle()));
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private static String simpleType(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "a number";
		}
		if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		if (type == java.util.UUID.class) {
			return "a UUID";
		}
		if (type == java.time.Instant.class) {
			return "an ISO-8601 instant";
		}
		return "an object";
	}

	static String path(JacksonException e) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference ref : e.getPath()) {
			if (ref.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String describe(List<FieldViolation> violations) {
		if (violations.isEmpty()) {
			return "The request is invalid.";
		}
		FieldViolation first = violations.get(0);
		String text = first.field() + " " + first.message();
		return violations.size() == 1 ? text : text + " (and " + (violations.size() - 1) + " more)";
	}

	static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, List<FieldViolation> errors) {
		Problem problem = Problem.of(status, title, detail).errors(errors);
		return problem.response().body(problem.detail());
	}
}

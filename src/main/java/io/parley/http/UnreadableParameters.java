package io.parley.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import io.parley.shared.FieldViolation;
import io.parley.shared.InvalidInputException;

/**
 * Parameters that are not text. Tomcat refuses a percent-encoded byte sequence that is no UTF-8 ({@code cursor=%ff})
 * only when a parameter is first read, with an {@link InvalidParameterException} that would end as a 500 and a stack
 * trace in the log. This filter, ahead of all others, hands the request on wrapped so that such a read throws
 * {@link InvalidInputException} naming the parameter instead: the API answers it with its 400 problem, the console
 * with its 400 page, like any other bad value. When a filter reads the parameters first (the CSRF check of a posted
 * form), the exception comes back here and is answered with the 400 problem.
 */
public class UnreadableParameters extends OncePerRequestFilter {

	static final String MESSAGE = "is not valid text: it holds a percent-encoded byte sequence that is no UTF-8";

	/** A field name that may be written into an answer as it is. */
	private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,100}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(new Readable(request), response);
		}
		catch (InvalidInputException e) {
			if (response.isCommitted() || !(e instanceof Unreadable)) {
				throw e;
			}
			String field = e.violations().get(0).field();
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			Problem.of(HttpStatus.BAD_REQUEST, "Invalid input", field + " " + MESSAGE + ".")
				.errors(List.of(new FieldViolation(field, MESSAGE)))
				.writeTo(response);
		}
	}

	/** The parameter of {@code query} that is not text, or {@code "parameters"} when the query has none such. */
	static String unreadableParameter(String query) {
		if (query != null) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
				if (name == null || !PLAIN_NAME.matcher(name).matches()) {
					if (name == null || equals >= 0 && decoded(pair.substring(equals + 1)) == null) {
						return "parameters";
					}
					continue;
				}
				if (equals >= 0 && decoded(pair.substring(equals + 1)) == null) {
					return name;
				}
			}
		}
		return "parameters";
	}

	/** {@code text} percent-decoded as a form value ({@code +} is a space), or null when that is no UTF-8 text. */
	static String decoded(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
						|| Character.digit(text.charAt(i + 2), 16) < 0) {
					return null;
				}
				bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
				i += 2;
			}
			else {
				bytes.writeBytes(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException e) {
			return null;
		}
	}

	/** A parameter that could not be read as text. */
	static final class Unreadable extends InvalidInputException {

		Unreadable(String field) {
			super(field, MESSAGE);
		}
	}

	/** The request whose parameter reads answer {@link Unreadable} where Tomcat's would fail. */
	static final class Readable extends HttpServletRequestWrapper {

		Readable(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getParameter(String name) {
			try {
				return super.getParameter(name);
			}
			catch (InvalidParameterException e) {
				throw unreadable();
			}
		}

		@Override
		public String[] getParameterValues(String name) {
			try {
				return super.getParameterValues(name);
			}
			catch (InvalidParameterException e) {
				throw unreadable();
			}
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			try {
				return super.getParameterMap();
			}
			catch (InvalidParameterException e) {
				throw unreadable();
			}
		}

		@Override
		public Enumeration<String> getParameterNames() {
			try {
				return super.getParameterNames();
			}
			catch (InvalidParameterException e) {
				throw unreadable();
			}
		}

		private Unreadable unreadable() {
			return new Unreadable(unreadableParameter(getQueryString()));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		/** First of all filters, so that none reads a parameter before the request is wrapped. */
		@Bean
		FilterRegistrationBean<UnreadableParameters> unreadableParameters() {
			FilterRegistrationBean<UnreadableParameters> registration = new FilterRegistrationBean<>(
					new UnreadableParameters());
			registration.setOrder(-1000);
			return registration;
		}
	}
}

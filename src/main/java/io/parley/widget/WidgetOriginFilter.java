package io.parley.widget;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import io.parley.http.Problem;
import io.parley.widget.WidgetConfigs.Resolved;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CORS for a point of contact's widget endpoints, limited to its allowed origins (an empty list allows any): a page
 * of another origin gets a 403 problem, an allowed one gets {@code Access-Control-Allow-Origin} and its preflight
 * answered here.
 */
class WidgetOriginFilter extends OncePerRequestFilter {

	private static final Pattern POC_PATH = Pattern.compile("^/widget/v1/points-of-contact/([0-9a-fA-F-]{36})(/.*)?$");

	private final WidgetConfigs configs;
	private final WidgetBaseUrl baseUrl;

	WidgetOriginFilter(WidgetConfigs configs, WidgetBaseUrl baseUrl) {
		this.configs = configs;
		this.baseUrl = baseUrl;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/widget/v1/points-of-contact/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		Matcher path = POC_PATH.matcher(request.getRequestURI());
		Optional<Resolved> resolved = Optional.empty();
		if (origin != null && path.matches()) {
			try {
				resolved = configs.resolve(UUID.fromString(path.group(1)), baseUrl.of(request));
			}
			catch (IllegalArgumentException e) {
				resolved = Optional.empty();
			}
		}
		response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
		// The chat window is Parley's own page (framed only where its CSP frame-ancestors allow): browsers send
		// Origin on its same-origin POSTs, which is not the embedding site's origin and needs no CORS.
		if (resolved.isEmpty() || origin.equals(baseUrl.origin(request))) {
			// No origin (not a browser's cross-origin call) or an unknown point of contact: the endpoint answers.
			chain.doFilter(request, response);
			return;
		}
		if (!resolved.get().allows(origin)) {
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			Problem.of(HttpStatus.FORBIDDEN, "Origin not allowed", "This point of contact may not be used on this web site.")
				.writeTo(response);
			return;
		}
		response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
		response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "ETag, Retry-After");
		if (HttpMethod.OPTIONS.matches(request.getMethod())
				&& request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
			response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
			response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization, If-None-Match");
			response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return;
		}
		chain.doFilter(request, response);
	}
}

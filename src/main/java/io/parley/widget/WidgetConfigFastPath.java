package io.parley.widget;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.parley.widget.WidgetConfigs.Body;
import io.parley.widget.WidgetConfigs.Resolved;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a plain GET of a known point of contact's widget config before Spring Security and Spring MVC: the same
 * status, headers and bytes as {@link WidgetConfigController} behind {@link WidgetOriginFilter} and the public
 * security chain, at a fraction of the cost. Every other request (another method, an unknown or inactive point of
 * contact, an origin that is refused, HTTPS, a path that is not exactly the config's) goes down the normal chain.
 */
class WidgetConfigFastPath implements Filter {

	static final String PREFIX = "/widget/v1/points-of-contact/";
	private static final String SUFFIX = "/config";
	private static final int UUID_LENGTH = 36;
	private static final String CACHE_CONTROL = "max-age=60, public";

	private final WidgetConfigs configs;
	private final WidgetBaseUrl baseUrl;

	WidgetConfigFastPath(WidgetConfigs configs, WidgetBaseUrl baseUrl) {
		this.configs = configs;
		this.baseUrl = baseUrl;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		HttpServletResponse response = (HttpServletResponse) res;
		Optional<Resolved> resolved = servable(request);
		if (resolved.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		boolean cors = origin != null && !origin.equals(baseUrl.origin(request));
		if (cors && !resolved.get().allows(origin)) {
			// The refusal is the origin filter's to write.
			chain.doFilter(request, response);
			return;
		}
		response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
		if (cors) {
			response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
			response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "ETag, Retry-After");
		}
		Body body = configs.answer(resolved.get());
		response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
		response.setHeader(HttpHeaders.ETAG, body.etag());
		// What the public security chain adds to every answer (HSTS only on HTTPS, which is not served here).
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-XSS-Protection", "0");
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null && WidgetConfigController.matches(ifNoneMatch, body.etag())) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.json().length);
		response.getOutputStream().write(body.json());
	}

	/** The resolved point of contact when this request is a plain GET of its config over HTTP, else empty. */
	private Optional<Resolved> servable(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) || request.isSecure()
				|| request.getDispatcherType() != DispatcherType.REQUEST || !request.getContextPath().isEmpty()) {
			return Optional.empty();
		}
		String uri = request.getRequestURI();
		int start = PREFIX.length();
		if (uri.length() != start + UUID_LENGTH + SUFFIX.length() || !uri.startsWith(PREFIX) || !uri.endsWith(SUFFIX)) {
			return Optional.empty();
		}
		UUID id;
		try {
			id = UUID.fromString(uri.substring(start, start + UUID_LENGTH));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		return configs.resolve(id, baseUrl.of(request));
	}
}

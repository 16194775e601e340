package io.parley.http;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Back-pressure for the API and the widget's chat endpoints: at most {@code parley.server.max-requests-in-flight}
 * of their requests are worked on at once, and one beyond that is answered at once with 503 and
 * {@code Retry-After: 1} instead of waiting. With virtual threads Tomcat takes every request it is sent; without this
 * bound an overload piles up requests waiting for a database connection until the heap is full. Long polls and
 * WebSocket handshakes are not counted: a long poll waits without a database connection, and a socket is bounded by
 * Tomcat's connection limit. {@code 0} turns the bound off.
 */
public class RequestAdmission extends OncePerRequestFilter {

	private static final Problem BUSY = Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "Service busy",
			"Parley is handling as many requests as it can right now. Please try again in a second.").type("busy");

	private final Semaphore permits;

	RequestAdmission(int maxInFlight) {
		this.permits = maxInFlight > 0 ? new Semaphore(maxInFlight) : null;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (permits == null || "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
			return true;
		}
		return HttpMethod.GET.matches(request.getMethod()) && request.getRequestURI().endsWith("/events");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!permits.tryAcquire()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			BUSY.writeTo(response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			permits.release();
		}
	}

	/** In-flight requests as counted now, for tests and diagnostics. */
	int available() {
		return permits == null ? Integer.MAX_VALUE : permits.availablePermits();
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		/** Before Spring Security (order -100), so that a refused request costs no authentication. */
		@Bean
		FilterRegistrationBean<RequestAdmission> requestAdmission(
				@Value("${parley.server.max-requests-in-flight:200}") int maxInFlight) {
			FilterRegistrationBean<RequestAdmission> registration = new FilterRegistrationBean<>(
					new RequestAdmission(maxInFlight));
			registration.addUrlPatterns("/api/*", "/widget/v1/*");
			registration.setOrder(-190);
			return registration;
		}
	}
}

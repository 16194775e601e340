package io.parley.widget;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jakarta.servlet.http.HttpServletRequest;

/** The URL customers' browsers reach Parley at: {@code PARLEY_PUBLIC_URL}, or else the one the request came to. */
@Component
class WidgetBaseUrl {

	private final String configured;

	WidgetBaseUrl(@Value("${parley.widget.public-url:}") String configured) {
		this.configured = configured == null || configured.isBlank() ? null : configured.replaceAll("/+$", "");
	}

	/** Parley's own origin, {@code scheme://host[:port]}, as its pages send it in an {@code Origin} header. */
	String origin(HttpServletRequest request) {
		return WidgetWindowController.origin(of(request));
	}

	String of(HttpServletRequest request) {
		if (configured != null) {
			return configured;
		}
		return ServletUriComponentsBuilder.fromContextPath(request).replacePath(request.getContextPath())
			.replaceQuery(null).build().toUriString();
	}
}

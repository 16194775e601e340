package io.parley.chat.web;

import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import io.parley.contactpoints.Origin;

/**
 * Parley's own origin, for WebSocket handshakes: the chat window is served by Parley, so its sockets come from the
 * origin the request was made to, or from {@code PARLEY_PUBLIC_URL} when Parley sits behind a proxy.
 */
@Component
class StreamOrigins {

	private final Optional<Origin> publicOrigin;

	StreamOrigins(@Value("${parley.widget.public-url:}") String publicUrl) {
		Optional<Origin> origin = Optional.empty();
		if (publicUrl != null && !publicUrl.isBlank()) {
			java.net.URI uri = java.net.URI.create(publicUrl.trim());
			if (uri.getScheme() != null && uri.getRawAuthority() != null) {
				origin = Optional.of(Origin.of(uri.getScheme() + "://" + uri.getRawAuthority()));
			}
		}
		this.publicOrigin = origin;
	}

	/** Whether the handshake comes from Parley's own pages (or from no browser page at all: no Origin header). */
	boolean isOwn(ServerHttpRequest request) {
		String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
		if (origin == null) {
			return true;
		}
		return WebUtils.isSameOrigin(request) || publicOrigin.map(own -> own.matches(origin)).orElse(false);
	}
}

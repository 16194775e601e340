package io.parley.widget;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.parley.widget.WidgetConfigs.Body;
import io.parley.widget.WidgetConfigs.Resolved;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat window page the loader frames. Its configuration is embedded as a JSON data block (no second request),
 * its script and style are separate versioned files, and its Content-Security-Policy lets only the point of
 * contact's allowed origins frame it and runs no inline script.
 */
@Controller
class WidgetWindowController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WidgetConfigs configs;
	private final WidgetBaseUrl baseUrl;
	private final WidgetScripts scripts;

	WidgetWindowController(WidgetConfigs configs, WidgetBaseUrl baseUrl, WidgetScripts scripts) {
		this.configs = configs;
		this.baseUrl = baseUrl;
		this.scripts = scripts;
	}

	@GetMapping("/widget/v1/points-of-contact/{id}/window")
	String window(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
		String base = baseUrl.of(request);
		Optional<Resolved> found = parse(id).flatMap(uuid -> configs.resolve(uuid, base));
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
		if (found.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors *");
			return "widget/unavailable";
		}
		Resolved resolved = found.get();
		Body body = configs.answer(resolved);
		String json = new String(body.json(), StandardCharsets.UTF_8);
		response.setHeader("Content-Security-Policy", policy(base, resolved));
		model.addAttribute("poc", resolved.pointOfContactId().toString());
		model.addAttribute("title", JSON.readTree(json).at("/appearance/headerTitle").asString("Chat"));
		// In a data block only "</script" could end it early; escaping every '<' keeps the JSON equal and inert.
		model.addAttribute("config", json.replace("<", "\\u003c"));
		model.addAttribute("js", request.getContextPath() + "/widget/window.js?v=" + scripts.get("window.js").hash());
		model.addAttribute("css", request.getContextPath() + "/widget/window.css?v=" + scripts.get("window.css").hash());
		// The module window.js imports, by the same versioned URL, fetched alongside rather than after it.
		model.addAttribute("events", request.getContextPath() + "/widget/events.js?v=" + scripts.get("events.js").hash());
		return "widget/window";
	}

	/** The policy of a window page: own files only, framed by the allowed origins (none listed: any). */
	static String policy(String base, Resolved resolved) {
		String origin = origin(base);
		String self = "'self' " + origin;
		String socket = origin.replaceFirst("^http", "ws");
		String ancestors = resolved.allowedOrigins().isEmpty() ? "*"
				: String.join(" ", resolved.allowedOrigins().values());
		return "default-src 'none'; script-src " + self + "; style-src " + self + "; img-src " + self + " data:"
				+ "; connect-src " + self + " " + socket + "; base-uri 'none'; form-action 'none'"
				+ "; frame-ancestors " + ancestors;
	}

	private static Optional<UUID> parse(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	/** {@code scheme://host[:port]} of a URL: a source in a policy with a path would match that path only. */
	static String origin(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}
}

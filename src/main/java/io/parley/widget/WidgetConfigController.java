package io.parley.widget;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.parley.shared.NotFoundException;
import io.parley.widget.WidgetConfigs.Body;
import io.parley.widget.WidgetConfigs.Resolved;
import jakarta.servlet.http.HttpServletRequest;

/** The public configuration of a point of contact, as the widget loads it. */
@RestController
class WidgetConfigController {

	private static final CacheControl CACHE = CacheControl.maxAge(60, TimeUnit.SECONDS).cachePublic();

	private final WidgetConfigs configs;
	private final WidgetBaseUrl baseUrl;

	WidgetConfigController(WidgetConfigs configs, WidgetBaseUrl baseUrl) {
		this.configs = configs;
		this.baseUrl = baseUrl;
	}

	@GetMapping("/widget/v1/points-of-contact/{id}/config")
	ResponseEntity<byte[]> config(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			HttpServletRequest request) {
		Resolved resolved = parse(id).flatMap(uuid -> configs.resolve(uuid, baseUrl.of(request)))
			.orElseThrow(() -> new NotFoundException("No active point of contact " + id));
		Body body = configs.answer(resolved);
		if (ifNoneMatch != null && matches(ifNoneMatch, body.etag())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(body.etag()).cacheControl(CACHE).build();
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.eTag(body.etag())
			.cacheControl(CACHE)
			.body(body.json());
	}

	private static java.util.Optional<UUID> parse(String id) {
		try {
			return java.util.Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException e) {
			return java.util.Optional.empty();
		}
	}

	static boolean matches(String ifNoneMatch, String etag) {
		for (String candidate : ifNoneMatch.split(",")) {
			String value = candidate.trim();
			if (value.equals("*") || value.equals(etag) || value.equals("W/" + etag)) {
				return true;
			}
		}
		return false;
	}
}

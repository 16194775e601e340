package io.parley.widget;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import io.parley.shared.NotFoundException;
import io.parley.widget.WidgetScripts.File;

/**
 * Serves the loader, the chat window's script and style, and the event module the window shares with the agent
 * console. The loader's URL is pasted into other sites and never
 * changes, so it is cached briefly and revalidated by ETag; the window links its files with their content hash, so
 * those are cached for good (the console imports the module without one: revalidated by ETag).
 */
@Controller
class WidgetScriptController {

	private static final CacheControl LOADER = CacheControl.maxAge(5, TimeUnit.MINUTES).cachePublic()
		.staleWhileRevalidate(1, TimeUnit.HOURS);
	private static final CacheControl VERSIONED = CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic().immutable();
	private static final CacheControl REVALIDATE = CacheControl.noCache().cachePublic();

	private final WidgetScripts scripts;

	WidgetScriptController(WidgetScripts scripts) {
		this.scripts = scripts;
	}

	@GetMapping("/widget/loader.js")
	ResponseEntity<byte[]> loader(@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
		return serve(scripts.get("loader.js"), LOADER, ifNoneMatch, acceptEncoding);
	}

	@GetMapping("/widget/{name:window\\.js|window\\.css|events\\.js}")
	ResponseEntity<byte[]> window(@PathVariable String name, @RequestParam(name = "v", required = false) String version,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
		File file = scripts.get(name);
		if (file == null) {
			throw new NotFoundException("No widget file " + name);
		}
		return serve(file, file.hash().equals(version) ? VERSIONED : REVALIDATE, ifNoneMatch, acceptEncoding);
	}

	private static ResponseEntity<byte[]> serve(File file, CacheControl cache, String ifNoneMatch,
			String acceptEncoding) {
		boolean gzip = acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip");
		boolean notModified = ifNoneMatch != null && (ifNoneMatch.contains(file.etag())
				|| ifNoneMatch.contains(file.gzipEtag()) || ifNoneMatch.trim().equals("*"));
		ResponseEntity.BodyBuilder answer = notModified ? ResponseEntity.status(HttpStatus.NOT_MODIFIED)
				: ResponseEntity.ok().contentType(file.type());
		answer.eTag(gzip ? file.gzipEtag() : file.etag())
			.cacheControl(cache)
			.varyBy(HttpHeaders.ACCEPT_ENCODING)
			.header("X-Content-Type-Options", "nosniff")
			// Public files: other sites may also load them with <script crossorigin> and subresource integrity.
			.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
		if (notModified) {
			return answer.build();
		}
		if (gzip) {
			return answer.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(file.gzipped());
		}
		return answer.body(file.bytes());
	}
}

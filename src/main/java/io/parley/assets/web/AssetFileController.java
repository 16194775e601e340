package io.parley.assets.web;

import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.parley.shared.NotFoundException;
import io.parley.assets.Asset;
import io.parley.assets.Assets;

/**
 * Serves images publicly. An asset never changes (a new upload gets a new id), so browsers and proxies may keep it
 * for a year; it is only ever served as the image type detected at upload, never sniffed, and never runs anything.
 */
@RestController
class AssetFileController {

	static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

	private final Assets assets;

	AssetFileController(Assets assets) {
		this.assets = assets;
	}

	@GetMapping("/assets/{id}")
	ResponseEntity<byte[]> serve(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		Asset asset = assets.find(id).orElseThrow(() -> new NotFoundException("No asset " + id));
		HttpHeaders headers = new HttpHeaders();
		headers.setETag("\"" + asset.sha256() + "\"");
		// Set here, Spring Security leaves its default "no-cache" off this response.
		headers.setCacheControl(CACHE_CONTROL);
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Content-Security-Policy", "default-src 'none'");
		headers.set("Cross-Origin-Resource-Policy", "cross-origin");
		if (matches(ifNoneMatch, asset.sha256())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
		}
		byte[] data = assets.content(id).orElseThrow(() -> new NotFoundException("No asset " + id));
		headers.setContentType(MediaType.parseMediaType(asset.contentType()));
		String extension = asset.contentType().substring("image/".length()).replace("jpeg", "jpg");
		headers.setContentDisposition(ContentDisposition.inline().filename(id + "." + extension).build());
		return ResponseEntity.ok().headers(headers).body(data);
	}

	private static boolean matches(String ifNoneMatch, String sha256) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String tag : ifNoneMatch.split(",")) {
			String candidate = tag.trim();
			if (candidate.startsWith("W/")) {
				candidate = candidate.substring(2);
			}
			if (candidate.equals("*") || candidate.equals("\"" + sha256 + "\"")) {
				return true;
			}
		}
		return false;
	}
}

package io.parley.assets;

import java.util.UUID;

/**
 * An uploaded image as the API describes it.
 *
 * @param contentType the media type detected from the bytes
 * @param bytes the file's length in bytes
 * @param sha256 the SHA-256 of the bytes in lower-case hex, also the ETag it is served with
 */
public record Asset(UUID id, String contentType, int width, int height, int bytes, String sha256) {

	/** The public path the image is served at. */
	public String url() {
		return Assets.path(id);
	}
}

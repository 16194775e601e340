package io.parley.assets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The image formats Parley accepts, told apart by their first bytes (magic numbers) only. */
enum ImageFormat {

	PNG("image/png"), JPEG("image/jpeg"), GIF("image/gif"), WEBP("image/webp");

	/** How the accepted formats are named in messages to people. */
	static final String ACCEPTED = "PNG, JPEG, GIF and WebP";

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private final String mediaType;

	ImageFormat(String mediaType) {
		this.mediaType = mediaType;
	}

	String mediaType() {
		return mediaType;
	}

	static Optional<ImageFormat> detect(byte[] bytes) {
		if (startsWith(bytes, 0, PNG_SIGNATURE)) {
			return Optional.of(PNG);
		}
		// SOI followed by the first marker's 0xFF: every JPEG (JFIF, Exif, raw) starts this way.
		if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
			return Optional.of(JPEG);
		}
		if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
			return Optional.of(GIF);
		}
		if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
			return Optional.of(WEBP);
		}
		return Optional.empty();
	}

	/** Whether the bytes look like markup (SVG, HTML, XML), to say so when refusing them. */
	static boolean looksLikeMarkup(byte[] bytes) {
		int i = startsWith(bytes, 0, new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }) ? 3 : 0;
		while (i < bytes.length && Character.isWhitespace(bytes[i])) {
			i++;
		}
		return i < bytes.length && bytes[i] == '<';
	}

	private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
		return bytes.length >= offset + prefix.length
				&& Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}
}

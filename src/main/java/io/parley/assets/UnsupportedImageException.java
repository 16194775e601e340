package io.parley.assets;

/** An upload whose bytes are not a PNG, JPEG, GIF or WebP image, whatever its name says; answered with 415. */
public class UnsupportedImageException extends RuntimeException {

	UnsupportedImageException(String message) {
		super(message);
	}
}

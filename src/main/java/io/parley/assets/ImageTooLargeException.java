package io.parley.assets;

/** An upload with more bytes than an image may have; answered with 413. */
public class ImageTooLargeException extends RuntimeException {

	ImageTooLargeException(String message) {
		super(message);
	}
}

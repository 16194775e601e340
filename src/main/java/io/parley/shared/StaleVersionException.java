package io.parley.shared;

/** An {@code If-Match} version that is no longer current; answered with 412. */
public class StaleVersionException extends RuntimeException {

	public StaleVersionException(String message) {
		super(message);
	}
}

package io.parley.shared;

/** A request that conflicts with the current state (duplicate name, profile still assigned); answered with 409. */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}
}

package io.parley.shared;

import java.util.List;

/** Input that breaks a rule; answered with 400 and the fields at fault. */
public class InvalidInputException extends RuntimeException {

	private final List<FieldViolation> violations;

	public InvalidInputException(List<FieldViolation> violations) {
		super(violations.isEmpty() ? "Invalid input" : violations.get(0).field() + ": " + violations.get(0).message());
		this.violations = List.copyOf(violations);
	}

	public InvalidInputException(String field, String message) {
		this(List.of(new FieldViolation(field, message)));
	}

	public List<FieldViolation> violations() {
		return violations;
	}
}

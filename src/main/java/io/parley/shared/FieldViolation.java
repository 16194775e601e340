package io.parley.shared;

/** One invalid input field: its path in the request ({@code preChatForm.fields[2].options}) and a message for a person. */
public record FieldViolation(String field, String message) {
}

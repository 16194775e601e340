package io.parley.chat;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.parley.shared.Violations;
import io.parley.profiles.PreChatField;
import io.parley.profiles.PreChatForm;
import tools.jackson.databind.JsonNode;
import io.parley.shared.InvalidInputException;

/**
 * Checks a customer's pre-chat answers against the form of the point of contact's profile, on the server whatever
 * the browser did: every required question answered, each answer of its question's type and length, no answer to a
 * question the form does not ask. Without an enabled form there must be no answers. Errors name
 * {@code preChat.<key>}.
 */
final class PreChatAnswers {

	/** The longest answer to a typed question whose form sets no maximum. */
	static final int DEFAULT_MAX_LENGTH = 4000;
	private static final int EMAIL_MAX = 254;
	private static final int PHONE_MAX = 40;
	private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
	private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-/]+");
	private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
	private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

	private PreChatAnswers() {
	}

	/**
	 * The answers in the form's order, each as given (a CHECKBOX as true or false), leaving out unanswered optional
	 * questions; an {@code InvalidInputException} naming every answer at fault. {@code form} is null when the point
	 * of contact asks nothing; {@code answers} null or a JSON null when the customer sent none.
	 */
	static Map<String, Object> check(PreChatForm form, JsonNode answers) {
		Violations violations = new Violations();
		Map<String, Object> checked = new LinkedHashMap<>();
		if (answers != null && !answers.isNull() && !answers.isMissingNode() && !answers.isObject()) {
			violations.add("preChat", "must be an object of answers by question key");
			violations.throwIfAny();
		}
		boolean asks = form != null && form.enabled() && !form.fields().isEmpty();
		if (answers != null && answers.isObject()) {
			for (Map.Entry<String, JsonNode> answer : answers.properties()) {
				if (!asks) {
					violations.add(path(answer.getKey()), "is not asked: this chat has no pre-chat questions");
				}
				else if (form.field(answer.getKey()).isEmpty()) {
					violations.add(path(answer.getKey()), "is not a question of this form");
				}
			}
		}
		if (asks) {
			for (PreChatField field : form.fields()) {
				JsonNode value = answers == null || !answers.isObject() ? null : answers.get(field.key());
				Object answer = answer(violations, field, value);
				if (answer != null) {
					checked.put(field.key(), answer);
				}
			}
		}
		violations.throwIfAny();
		return checked;
	}

	private static Object answer(Violations violations, PreChatField field, JsonNode value) {
		String path = "preChat." + field.key();
		boolean absent = value == null || value.isNull() || value.isMissingNode()
				|| (value.isString() && value.stringValue().isEmpty());
		if (absent) {
			if (field.required()) {
				violations.add(path, "is required");
			}
			return null;
		}
		return switch (field.type()) {
			case CHECKBOX -> checkbox(violations, path, field, value);
			case NUMBER -> number(violations, path, field, value);
			default -> text(violations, path, field, value);
		};
	}

	private static Object checkbox(Violations violations, String path, PreChatField field, JsonNode value) {
		Boolean checked = null;
		if (value.isBoolean()) {
			checked = value.booleanValue();
		}
		else if (value.isString()) {
			checked = switch (value.stringValue()) {
				case "true", "on" -> Boolean.TRUE;
				case "false", "off" -> Boolean.FALSE;
				default -> null;
			};
		}
		if (checked == null) {
			violations.add(path, "must be true or false");
			return null;
		}
		if (field.required() && !checked) {
			violations.add(path, "must be checked");
			return null;
		}
		return checked;
	}

	private static Object number(Violations violations, String path, PreChatField field, JsonNode value) {
		if (value.isNumber()) {
			if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
				violations.add(path, "must be a number");
				return null;
			}
			if (!fits(violations, path, field, value.numberValue().toString())) {
				return null;
			}
			return value.numberValue();
		}
		if (!value.isString() || !NUMBER.matcher(value.stringValue()).matches()) {
			violations.add(path, "must be a number, like 42 or 3.5");
			return null;
		}
		return fits(violations, path, field, value.stringValue()) ? value.stringValue() : null;
	}

	private static Object text(Violations violations, String path, PreChatField field, JsonNode value) {
		if (!value.isString()) {
			violations.add(path, "must be a text");
			return null;
		}
		String text = value.stringValue();
		if (!wholeCharacters(text)) {
			violations.add(path, "has an unpaired surrogate, which is not a character");
			return null;
		}
		if (!fits(violations, path, field, text)) {
			return null;
		}
		boolean valid = switch (field.type()) {
			case EMAIL -> EMAIL.matcher(text).matches() || fail(violations, path, "must be an email address like name@example.com");
			case PHONE -> (PHONE.matcher(text).matches() && digits(text) >= 3)
					|| fail(violations, path, "must be a phone number: digits, spaces, ( ) - . / and an optional leading +");
			case DATE -> date(text) || fail(violations, path, "must be a date as YYYY-MM-DD");
			case SELECT -> field.options().contains(text) || fail(violations, path, "must be one of " + field.options());
			default -> true;
		};
		return valid ? text : null;
	}

	private static boolean fits(Violations violations, String path, PreChatField field, String text) {
		int max = field.maxLength() != null ? field.maxLength() : switch (field.type()) {
			case EMAIL -> EMAIL_MAX;
			case PHONE -> PHONE_MAX;
			default -> DEFAULT_MAX_LENGTH;
		};
		// Violations.text refuses NUL and, for required answers, blank ones; optional answers may be blank.
		return violations.text(path, text, field.required() ? 1 : 0, max);
	}

	private static boolean fail(Violations violations, String path, String message) {
		violations.add(path, message);
		return false;
	}

	private static boolean date(String text) {
		if (!DATE.matcher(text).matches()) {
			return false;
		}
		try {
			LocalDate.parse(text);
			return true;
		}
		catch (DateTimeParseException e) {
			return false;
		}
	}

	private static long digits(String text) {
		return text.chars().filter(Character::isDigit).count();
	}

	private static boolean wholeCharacters(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	/** The error path of an answer key as sent: shown as given unless it could not travel in a JSON text intact. */
	private static String path(String key) {
		StringBuilder safe = new StringBuilder("preChat.");
		key.codePoints().limit(60).forEach(c -> safe.appendCodePoint(
				Character.isISOControl(c) || (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c));
		return safe.toString();
	}
}

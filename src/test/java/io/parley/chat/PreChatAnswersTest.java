package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.shared.FieldViolation;
import io.parley.HttpApi;
import io.parley.shared.InvalidInputException;
import io.parley.profiles.PreChatField;
import io.parley.profiles.PreChatFieldType;
import io.parley.profiles.PreChatForm;
import tools.jackson.databind.JsonNode;

class PreChatAnswersTest {

	private static final PreChatForm FORM = new PreChatForm(true, "Who are you?", List.of(
			field("name", PreChatFieldType.TEXT, true, List.of(), 10),
			field("email", PreChatFieldType.EMAIL, true, List.of(), null),
			field("phone", PreChatFieldType.PHONE, false, List.of(), null),
			field("age", PreChatFieldType.NUMBER, false, List.of(), 3),
			field("day", PreChatFieldType.DATE, false, List.of(), null),
			field("topic", PreChatFieldType.SELECT, false, List.of("Billing", "Orders"), null),
			field("terms", PreChatFieldType.CHECKBOX, true, List.of(), null),
			field("news", PreChatFieldType.CHECKBOX, false, List.of(), null),
			field("note", PreChatFieldType.TEXTAREA, false, List.of(), null)));

	private static PreChatField field(String key, PreChatFieldType type, boolean required, List<String> options,
			Integer maxLength) {
		return new PreChatField(key, key, type, required, options, maxLength);
	}

	private static JsonNode json(String text) {
		return HttpApi.JSON.readTree(text);
	}

	private static List<String> errors(PreChatForm form, String answers) {
		try {
			PreChatAnswers.check(form, json(answers));
			return List.of();
		}
		catch (InvalidInputException e) {
			return e.violations().stream().map(FieldViolation::field).toList();
		}
	}

	@Test
	void keepsValidAnswersInTheFormsOrderAsGiven() {
		Map<String, Object> answers = PreChatAnswers.check(FORM, json("""
				{"note": "  <b>hi</b>  ", "terms": "on", "topic": "Orders", "day": "2026-02-28", "age": 42,
				 "phone": "+41 (0)44 123-45-67", "email": "ann@example.com", "name": "Ann", "news": false}"""));
		assertThat(answers.keySet()).containsExactly("name", "email", "phone", "age", "day", "topic", "terms", "news",
				"note");
		assertThat(answers).containsEntry("note", "  <b>hi</b>  ").containsEntry("terms", true)
			.containsEntry("news", false).containsEntry("age", 42);
	}

	@Test
	void leavesOutUnansweredOptionalQuestions() {
		Map<String, Object> answers = PreChatAnswers.check(FORM,
				json("{\"name\": \"Ann\", \"email\": \"a@b.example\", \"terms\": true, \"phone\": \"\", \"day\": null}"));
		assertThat(answers.keySet()).containsExactly("name", "email", "terms");
	}

	@Test
	void namesEveryAnswerAtFault() {
		assertThat(errors(FORM, "{}")).containsExactly("preChat.name", "preChat.email", "preChat.terms");
		assertThat(errors(FORM, """
				{"name": "Ann Ann Ann Ann", "email": "ann@", "phone": "call me", "age": "forty", "day": "2026-02-30",
				 "topic": "Shoes", "terms": false, "news": "maybe", "note": ["x"], "shoeSize": 42}"""))
			.containsExactlyInAnyOrder("preChat.shoeSize", "preChat.name", "preChat.email", "preChat.phone",
					"preChat.age", "preChat.day", "preChat.topic", "preChat.terms", "preChat.news", "preChat.note");
		assertThat(errors(FORM, "{\"name\": \"   \", \"email\": \"a@b.example\", \"terms\": true}"))
			.containsExactly("preChat.name");
		assertThat(errors(FORM, "{\"name\": 7, \"email\": true, \"terms\": 1}"))
			.containsExactly("preChat.name", "preChat.email", "preChat.terms");
		assertThat(errors(FORM, "{\"name\": \"a\\u0000b\", \"email\": \"a@b.example\", \"terms\": true}"))
			.containsExactly("preChat.name");
		assertThat(errors(FORM, "{\"name\": \"a\\ud800\", \"email\": \"a@b.example\", \"terms\": true}"))
			.containsExactly("preChat.name");
		assertThat(errors(FORM, "{\"name\": \"Ann\", \"email\": \"a@b.example\", \"terms\": true, \"age\": 1000}"))
			.containsExactly("preChat.age");
		assertThat(errors(FORM, "{\"name\": \"Ann\", \"email\": \"a@b.example\", \"terms\": true, \"age\": 1e400}"))
			.containsExactly("preChat.age");
		assertThat(errors(FORM, "{\"name\": \"Ann\", \"email\": \"a@b.example\", \"terms\": true, \"topic\": \"billing\"}"))
			.containsExactly("preChat.topic");
	}

	@Test
	void takesTextsUpToTheirMaximumLength() {
		PreChatForm form = new PreChatForm(true, null, List.of(field("note", PreChatFieldType.TEXTAREA, false,
				List.of(), null), field("short", PreChatFieldType.TEXT, false, List.of(), 5)));
		assertThat(errors(form, "{\"note\": \"" + "x".repeat(PreChatAnswers.DEFAULT_MAX_LENGTH) + "\"}")).isEmpty();
		assertThat(errors(form, "{\"note\": \"" + "x".repeat(PreChatAnswers.DEFAULT_MAX_LENGTH + 1) + "\"}"))
			.containsExactly("preChat.note");
		assertThat(errors(form, "{\"short\": \"😀😀😀😀😀\"}")).as("characters, not UTF-16 units").isEmpty();
		assertThat(errors(form, "{\"short\": \"123456\"}")).containsExactly("preChat.short");
	}

	@Test
	void refusesAnswersWhenNoFormAsks() {
		assertThat(PreChatAnswers.check(null, null)).isEmpty();
		assertThat(PreChatAnswers.check(null, json("{}"))).isEmpty();
		assertThat(PreChatAnswers.check(null, json("null"))).isEmpty();
		assertThat(errors(null, "{\"email\": \"a@b.example\"}")).containsExactly("preChat.email");
		PreChatForm disabled = new PreChatForm(false, null, FORM.fields());
		assertThat(errors(disabled, "{\"name\": \"Ann\"}")).containsExactly("preChat.name");
		assertThat(PreChatAnswers.check(disabled, json("{}"))).isEmpty();
	}

	@Test
	void refusesAnythingButAnObjectOfAnswers() {
		assertThat(errors(FORM, "[\"Ann\"]")).containsExactly("preChat");
		assertThat(errors(FORM, "\"Ann\"")).containsExactly("preChat");
		assertThatThrownBy(() -> PreChatAnswers.check(null, json("42"))).isInstanceOf(InvalidInputException.class);
	}
}

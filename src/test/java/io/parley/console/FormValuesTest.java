package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.shared.FieldViolation;
import io.parley.shared.Violations;
import io.parley.profiles.ChatProfileDraft.FieldInput;
import io.parley.profiles.ChatProfileDraft.PreChatFormInput;
import io.parley.profiles.ChatProfileDraft.WaitingQueueInput;
import io.parley.profiles.PreChatFieldType;

class FormValuesTest {

	@Test
	void readsYesNoListsOfRecordsAndTextsOnePerLineByPath() {
		Violations violations = new Violations();
		PreChatFormInput form = FormValues.record(violations, "preChatForm.", PreChatFormInput.class, Map.of(
				"enabled", "true", "welcomeMessage", "Hi",
				"fields[3].key", "topic", "fields[3].type", "SELECT", "fields[3].options", "Orders\r\n\nReturns",
				"fields[0].key", "email", "fields[0].required", "false", "fields[0].maxLength", "120"));

		assertThat(violations.list()).isEmpty();
		assertThat(form).isEqualTo(new PreChatFormInput(true, "Hi", List.of(
				new FieldInput("email", null, null, false, null, 120),
				new FieldInput("topic", null, PreChatFieldType.SELECT, null, List.of("Orders", "Returns"), null))));
	}

	@Test
	void namesWhatNoInputCouldSendByItsPathAndLeavesMissingTextsNull() {
		Violations violations = new Violations();
		UUID hero = UUID.randomUUID();
		WaitingQueueInput queue = FormValues.record(violations, "waitingQueue.", WaitingQueueInput.class,
				Map.of("logoAssetId", "not-an-id", "heroImageAssetId", hero.toString(), "showPosition", "false"));
		PreChatFormInput form = FormValues.record(violations, "preChatForm.", PreChatFormInput.class,
				Map.of("fields[5].type", "RADIO", "fields[7].maxLength", "many"));

		assertThat(queue).isEqualTo(new WaitingQueueInput(null, null, null, null, null, hero, false, null));
		assertThat(form.fields()).hasSize(2);
		// Numbered as the module numbers them: by position in the list.
		assertThat(violations.list()).extracting(FieldViolation::field).containsExactly("waitingQueue.logoAssetId",
				"preChatForm.fields[0].type", "preChatForm.fields[1].maxLength");
	}
}

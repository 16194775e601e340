package io.parley.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.parley.shared.FieldViolation;
import io.parley.shared.InvalidInputException;
import io.parley.accounts.Actor;
import io.parley.accounts.Role;

import io.parley.profiles.ChatProfileDraft.FieldInput;
import io.parley.profiles.ChatProfileDraft.PreChatFormInput;
import io.parley.profiles.ChatProfileDraft.WaitingQueueInput;

class ChatProfileTest {

	static final Actor ADMIN = new Actor(UUID.randomUUID(), UUID.randomUUID(), "ann", "Ann Admin", Set.of(Role.ADMIN));
	static final Actor OTHER = new Actor(ADMIN.tenantId(), UUID.randomUUID(), "bob", "Bob", Set.of(Role.ADMIN));
	static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
	static final UUID LOGO = UUID.randomUUID();
	static final Predicate<UUID> ASSETS = LOGO::equals;

	@Test
	void createsAV2ProfileWithFormAndQueue() {
		ChatProfile profile = create(v2());
		assertThat(profile.version()).isEqualTo(1);
		assertThat(profile.createdBy()).isEqualTo("ann");
		assertThat(profile.createdAt()).isEqualTo(NOW);
		assertThat(profile.tenantId()).isEqualTo(ADMIN.tenantId());
		assertThat(profile.asksPreChatQuestions()).isTrue();
		assertThat(profile.showsWaitingQueue()).isTrue();
		assertThat(profile.preChatForm().fields()).extracting(PreChatField::key).containsExactly("name", "email", "topic");
		assertThat(profile.preChatForm().field("topic")).get().extracting(PreChatField::options)
			.isEqualTo(List.of("Billing", "Orders"));
	}

	@Test
	void fillsDefaultsForAnOmittedAppearance() {
		ChatProfile profile = create(new ChatProfileDraft("Plain", null, InterfaceVersion.V1, null, null, null, null));
		assertThat(profile.appearance()).isEqualTo(Appearance.DEFAULT);
		Appearance.Input someColours = new Appearance.Input("#FF0000", null, null, null, null, null, null, FontSize.HUGE,
				null, null, null, ButtonPosition.TOP_LEFT, new Appearance.ButtonOffset(5, null));
		Appearance partly = create(new ChatProfileDraft("Partly", null, InterfaceVersion.V1, someColours, null, null,
				null)).appearance();
		assertThat(partly.primaryColor().hex()).isEqualTo("#FF0000");
		assertThat(partly.topBarColor()).isEqualTo(Appearance.DEFAULT.topBarColor());
		assertThat(partly.fontSize()).isEqualTo(FontSize.HUGE);
		assertThat(partly.buttonPosition()).isEqualTo(ButtonPosition.TOP_LEFT);
		assertThat(partly.buttonLabel()).isEqualTo("Live Chat");
		assertThat(partly.buttonOffset()).as("a coordinate left out takes its default")
			.isEqualTo(new Appearance.ButtonOffset(5, 20));
		assertThat(Appearance.DEFAULT.buttonOffset()).isEqualTo(new Appearance.ButtonOffset(20, 20));
	}

	@Test
	void rejectsPreChatFormOnV1Profile() {
		assertThat(violations(withVersion(v2(), InterfaceVersion.V1, null))).containsExactlyInAnyOrder("preChatForm",
				"waitingQueue");
	}

	@Test
	void acceptsADisabledPreChatFormAndQueueOnV1Profile() {
		ChatProfileDraft draft = v2();
		ChatProfileDraft v1 = new ChatProfileDraft("V1", null, InterfaceVersion.V1, null, LOGO,
				new PreChatFormInput(false, null, draft.preChatForm().fields()),
				new WaitingQueueInput(false, null, null, null, null, null, null, null));
		ChatProfile profile = create(v1);
		assertThat(profile.asksPreChatQuestions()).isFalse();
		assertThat(profile.showsWaitingQueue()).isFalse();
		assertThat(profile.logoAssetId()).isEqualTo(LOGO);
	}

	@Test
	void rejectsLogoOnV2Profile() {
		assertThat(violations(withVersion(v2(), InterfaceVersion.V2, LOGO))).containsExactly("logoAssetId");
	}

	@Test
	void rejectsImagesThatAreNotTheTenants() {
		UUID unknown = UUID.randomUUID();
		ChatProfileDraft draft = v2();
		ChatProfileDraft withImages = new ChatProfileDraft(draft.name(), null, InterfaceVersion.V2, null, null,
				draft.preChatForm(), new WaitingQueueInput(true, null, null, null, unknown, LOGO, null, null));
		assertThat(violations(withImages)).containsExactly("waitingQueue.logoAssetId");
		assertThat(violations(new ChatProfileDraft("V1", null, InterfaceVersion.V1, null, unknown, null, null)))
			.containsExactly("logoAssetId");
	}

	@Test
	void rejectsSelectFieldWithoutOptions() {
		assertThat(violations(withFields(field("topic", "SELECT", List.of()))))
			.containsExactly("preChatForm.fields[0].options");
		assertThat(violations(withFields(field("topic", "SELECT", null)))).containsExactly("preChatForm.fields[0].options");
	}

	@Test
	void rejectsOptionsOnOtherTypesAndDuplicateOptions() {
		assertThat(violations(withFields(field("a", "TEXT", List.of("x")), field("b", "SELECT", List.of("x", "y", "x")),
				field("c", "CHECKBOX", List.of())))).containsExactly("preChatForm.fields[0].options",
						"preChatForm.fields[1].options");
	}

	@Test
	void rejectsDuplicateFieldKeys() {
		assertThat(violations(withFields(field("email", "EMAIL", null), field("name", "TEXT", null),
				field("Email", "TEXT", null)))).containsExactly("preChatForm.fields[2].key");
	}

	@Test
	void rejectsBadKeysLabelsAndMaxLengths() {
		FieldInput badKey = new FieldInput("1st name", "Name", PreChatFieldType.TEXT, true, null, 80);
		FieldInput noLabel = new FieldInput("name", " ", PreChatFieldType.TEXT, true, null, null);
		FieldInput noType = new FieldInput("kind", "Kind", null, false, null, null);
		FieldInput zeroLength = new FieldInput("age", "Age", PreChatFieldType.NUMBER, false, null, 0);
		FieldInput dateLength = new FieldInput("when", "When", PreChatFieldType.DATE, false, null, 10);
		assertThat(violations(withFields(badKey, noLabel, noType, zeroLength, dateLength, null))).containsExactly(
				"preChatForm.fields[0].key", "preChatForm.fields[1].label", "preChatForm.fields[2].type",
				"preChatForm.fields[3].maxLength", "preChatForm.fields[4].maxLength", "preChatForm.fields[5]");
	}

	@Test
	void limitsTheNumberOfFieldsAndOptions() {
		List<FieldInput> fields = new ArrayList<>();
		for (int i = 0; i < 31; i++) {
			fields.add(field("f" + i, "TEXT", null));
		}
		assertThat(violations(withFields(fields.toArray(FieldInput[]::new)))).containsExactly("preChatForm.fields");
		List<String> options = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			options.add("o" + i);
		}
		assertThat(violations(withFields(field("pick", "SELECT", options)))).containsExactly("preChatForm.fields[0].options");
		assertThat(create(withFields(fields.subList(0, 30).toArray(FieldInput[]::new))).preChatForm().fields()).hasSize(30);
	}

	@Test
	void namesEveryFieldAtFaultAtOnce() {
		Appearance.Input appearance = new Appearance.Input("#FFF", "red", null, null, null, null, "Arial; x:y", null,
				"t".repeat(101), null, "", null, new Appearance.ButtonOffset(201, -1));
		ChatProfileDraft draft = new ChatProfileDraft("", "d".repeat(1001), InterfaceVersion.V1, appearance, null,
				new PreChatFormInput(null, "w\u0000", List.of()), null);
		assertThat(violations(draft)).containsExactlyInAnyOrder("name", "description", "appearance.primaryColor",
				"appearance.primaryTextColor", "appearance.fontFamily", "appearance.headerTitle",
				"appearance.buttonLabel", "appearance.buttonOffset.x", "appearance.buttonOffset.y",
				"preChatForm.welcomeMessage", "preChatForm");
		assertThat(violations(new ChatProfileDraft(null, null, null, null, null, null, null)))
			.containsExactlyInAnyOrder("name", "interfaceVersion");
	}

	@Test
	void keepsTextExactlyAsGiven() {
		String markup = "<script>alert(1)</script>\r\n  ";
		Appearance.Input appearance = new Appearance.Input(null, null, null, null, null, null, null, null, markup, markup,
				"<b>", null, null);
		ChatProfile profile = create(new ChatProfileDraft(markup, markup, InterfaceVersion.V1, appearance, null, null,
				null));
		assertThat(profile.name()).isEqualTo(markup);
		assertThat(profile.appearance().headerTitle()).isEqualTo(markup);
		assertThat(profile.appearance().buttonLabel()).isEqualTo("<b>");
	}

	@Test
	void anUpdateIsTheNextVersionAndKeepsItsCreation() {
		ChatProfile profile = create(v2());
		ChatProfile same = profile.update(v2(), ASSETS, OTHER, NOW.plusSeconds(60));
		assertThat(same.hasSameSettingsAs(profile)).isTrue();
		assertThat(profile.update(ChatProfileDraft.of(profile), ASSETS, OTHER, NOW).hasSameSettingsAs(profile)).isTrue();

		ChatProfile changed = profile.update(withVersion(v2(), InterfaceVersion.V1, LOGO), ASSETS, OTHER,
				NOW.plusSeconds(60));
		assertThat(changed.hasSameSettingsAs(profile)).isFalse();
		assertThat(changed.version()).isEqualTo(2);
		assertThat(changed.createdBy()).isEqualTo("ann");
		assertThat(changed.createdAt()).isEqualTo(NOW);
		assertThat(changed.updatedBy()).isEqualTo("bob");
		assertThat(changed.updatedAt()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void aCopyHasTheSameSettingsUnderANewName() {
		ChatProfile profile = create(v2());
		ChatProfile copy = profile.copy(UUID.randomUUID(), "Copy", OTHER, NOW.plusSeconds(5));
		assertThat(copy.id()).isNotEqualTo(profile.id());
		assertThat(copy.version()).isEqualTo(1);
		assertThat(copy.createdBy()).isEqualTo("bob");
		assertThat(copy.preChatForm()).isEqualTo(profile.preChatForm());
		assertThat(copy.appearance()).isEqualTo(profile.appearance());
		assertThat(copy.fields()).containsEntry("name", "Copy");
		assertThatThrownBy(() -> profile.copy(UUID.randomUUID(), " ", OTHER, NOW)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void flattensEveryFieldByDottedPath() {
		ChatProfileDraft draft = v2();
		List<FieldInput> fields = new ArrayList<>(draft.preChatForm().fields());
		fields.set(2, field("topic", "SELECT", List.of("Say \"hi\"", "back\\slash")));
		ChatProfile profile = create(new ChatProfileDraft(draft.name(), null, InterfaceVersion.V2, null, null,
				new PreChatFormInput(true, null, fields), draft.waitingQueue()));
		assertThat(profile.fields()).containsEntry("name", "Sales chat")
			.containsEntry("description", null)
			.containsEntry("interfaceVersion", "V2")
			.containsEntry("appearance.primaryColor", "#0B5FFF")
			.containsEntry("appearance.fontSize", "REGULAR")
			.containsEntry("logoAssetId", null)
			.containsEntry("preChatForm.enabled", "true")
			.containsEntry("preChatForm.fields[0].key", "name")
			.containsEntry("preChatForm.fields[0].required", "true")
			.containsEntry("preChatForm.fields[0].maxLength", "80")
			.containsEntry("preChatForm.fields[1].maxLength", null)
			.containsEntry("preChatForm.fields[1].options", null)
			.containsEntry("preChatForm.fields[2].options", "[\"Say \\\"hi\\\"\",\"back\\\\slash\"]")
			.containsEntry("waitingQueue.enabled", "true")
			.containsEntry("waitingQueue.backgroundColor", "#FFFFFF")
			.containsEntry("waitingQueue.showEstimatedWait", "true");
		ChatProfile plain = create(new ChatProfileDraft("Plain", null, InterfaceVersion.V1, null, null, null, null));
		assertThat(plain.fields()).containsEntry("preChatForm.enabled", null)
			.containsEntry("waitingQueue.message", null)
			.doesNotContainKey("preChatForm.fields[0].key");
	}

	@Test
	void cannotBeBuiltBreakingItsRules() {
		ChatProfile profile = create(v2());
		assertThatThrownBy(() -> new ChatProfile(profile.id(), profile.tenantId(), profile.name(), null,
				InterfaceVersion.V1, profile.appearance(), null, profile.preChatForm(), null, 1, NOW, "ann", NOW, "ann"))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> new PreChatField("topic", "Topic", PreChatFieldType.SELECT, false, List.of(), null))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> new PreChatForm(true, null, List.of(
				new PreChatField("a", "A", PreChatFieldType.TEXT, false, null, null),
				new PreChatField("A", "A", PreChatFieldType.TEXT, false, null, null))))
			.isInstanceOf(InvalidInputException.class);
	}

	// ---- helpers ------------------------------------------------------------------------------------------------------

	@Test
	void dropsTheSectionsItsVersionLacksWhenAsked() {
		ChatProfileDraft v2 = withVersion(v2(), InterfaceVersion.V2, LOGO);
		ChatProfileDraft kept = v2.withoutWhatItsVersionLacks();
		assertThat(kept.logoAssetId()).as("a V2 profile has no logo").isNull();
		assertThat(kept.preChatForm()).isEqualTo(v2.preChatForm());
		ChatProfileDraft v1 = withVersion(v2(), InterfaceVersion.V1, LOGO).withoutWhatItsVersionLacks();
		assertThat(v1.preChatForm()).isNull();
		assertThat(v1.waitingQueue()).isNull();
		assertThat(create(v1).logoAssetId()).isEqualTo(LOGO);
	}

	@Test
	void namesTheSettingsAnotherProfileHasOtherwise() {
		ChatProfile mine = create(v2());
		Appearance.Input red = new Appearance.Input("#FF0000", null, null, null, null, null, null, null, null, null,
				null, null, new Appearance.ButtonOffset(null, 64));
		ChatProfileDraft draft = v2();
		ChatProfile theirs = create(new ChatProfileDraft(draft.name(), draft.description(), InterfaceVersion.V2, red,
				null, draft.preChatForm(), draft.waitingQueue()));
		assertThat(mine.differences(theirs)).containsExactly(
				new ChatProfile.Difference("appearance.buttonOffset.y", "20", "64"),
				new ChatProfile.Difference("appearance.primaryColor", "#0B5FFF", "#FF0000"));
		assertThat(mine.differences(mine)).isEmpty();
	}

	static ChatProfile create(ChatProfileDraft draft) {
		return ChatProfile.create(UUID.randomUUID(), ADMIN, draft, ASSETS, NOW);
	}

	static List<String> violations(ChatProfileDraft draft) {
		try {
			create(draft);
		}
		catch (InvalidInputException e) {
			return e.violations().stream().map(FieldViolation::field).toList();
		}
		throw new AssertionError("The draft was accepted: " + draft);
	}

	static ChatProfileDraft v2() {
		List<FieldInput> fields = List.of(new FieldInput("name", "Name", PreChatFieldType.TEXT, true, null, 80),
				new FieldInput("email", "Email", PreChatFieldType.EMAIL, true, null, null),
				field("topic", "SELECT", List.of("Billing", "Orders")));
		return new ChatProfileDraft("Sales chat", null, InterfaceVersion.V2, null, null,
				new PreChatFormInput(true, "Tell us who you are", fields),
				new WaitingQueueInput(true, "Thanks for waiting", null, null, null, null, null, null));
	}

	static ChatProfileDraft withVersion(ChatProfileDraft draft, InterfaceVersion version, UUID logo) {
		return new ChatProfileDraft(draft.name(), draft.description(), version, draft.appearance(), logo,
				version == InterfaceVersion.V1 && logo != null ? null : draft.preChatForm(),
				version == InterfaceVersion.V1 && logo != null ? null : draft.waitingQueue());
	}

	static ChatProfileDraft withFields(FieldInput... fields) {
		return new ChatProfileDraft("Form", null, InterfaceVersion.V2, null, null,
				new PreChatFormInput(true, null, java.util.Arrays.asList(fields)), null);
	}

	static FieldInput field(String key, String type, List<String> options) {
		return new FieldInput(key, key, PreChatFieldType.valueOf(type), false, options, null);
	}
}

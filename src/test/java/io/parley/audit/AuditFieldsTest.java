package io.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import io.parley.HostileInputs;
import io.parley.accounts.Actor;
import io.parley.accounts.Role;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactDraft;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileDraft;
import io.parley.profiles.ChatProfileDraft.FieldInput;
import io.parley.profiles.ChatProfileDraft.PreChatFormInput;
import io.parley.profiles.ChatProfileDraft.WaitingQueueInput;
import io.parley.profiles.InterfaceVersion;
import io.parley.profiles.PreChatFieldType;

/** The audit history's field labels from messages.properties, read the way Spring Boot's MessageSource reads them. */
class AuditFieldsTest {

	static final Actor ACTOR = new Actor(UUID.randomUUID(), UUID.randomUUID(), "admin", "Admin", Set.of(Role.ADMIN));

	final AuditFields fields = new AuditFields(messages());

	static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		return messages;
	}

	@Test
	void labelsEveryPathThatProfilesAndPointsOfContactRecord() {
		Set<String> paths = new TreeSet<>();
		ChatProfile classic = ChatProfile.create(UUID.randomUUID(), ACTOR, new ChatProfileDraft("Classic", "About it",
				InterfaceVersion.V1, null, UUID.randomUUID(), null, null), id -> true, Instant.now());
		FieldInput topic = new FieldInput("topic", "Topic", PreChatFieldType.SELECT, true, List.of("Billing", "Sales"),
				null);
		FieldInput note = new FieldInput("note", "Note", PreChatFieldType.TEXTAREA, false, List.of(), 500);
		ChatProfile guided = ChatProfile.create(UUID.randomUUID(), ACTOR, new ChatProfileDraft("Guided", null,
				InterfaceVersion.V2, null, null, new PreChatFormInput(true, "Hello", List.of(topic, note)),
				new WaitingQueueInput(true, "Wait", "#FFFFFF", "#111111", UUID.randomUUID(), UUID.randomUUID(), true,
						true)),
				id -> true, Instant.now());
		PointOfContact poc = PointOfContact.create(UUID.randomUUID(), ACTOR, new PointOfContactDraft("Shop", "About",
				"sales", true, List.of("https://shop.example.com"), null), id -> true, Instant.now());
		paths.addAll(classic.fields().keySet());
		paths.addAll(guided.fields().keySet());
		paths.addAll(poc.fields().keySet());
		// the assignments, which AuditRecorder records on both sides
		paths.addAll(List.of("chatProfileId", "pointOfContactId"));
		assertThat(paths).contains("preChatForm.fields[1].maxLength", "waitingQueue.heroImageAssetId", "allowedOrigins");

		for (String path : paths) {
			String label = fields.label(path);
			assertThat(label.split(AuditFields.SEPARATOR)).as("the label of %s: %s", path, label)
				.hasSize(path.split("\\.").length)
				.allSatisfy(part -> assertThat(part).isNotBlank().doesNotContain(".", "[", "]"));
		}
	}

	@Test
	void anIndexedPathHasOneKeyAndCountsFromOne() {
		assertThat(fields.label("preChatForm.fields[2].options")).isEqualTo("Pre-chat form › Field 3 › Options");
		assertThat(fields.label("preChatForm.fields[0].maxLength")).isEqualTo("Pre-chat form › Field 1 › Max length");
		assertThat(fields.label("preChatForm.fields[29]")).isEqualTo("Pre-chat form › Field 30");
		assertThat(fields.label("appearance.primaryColor")).isEqualTo("Appearance › Primary color");
		assertThat(fields.label("waitingQueue.logoAssetId")).isEqualTo("Waiting queue › Logo");
	}

	@Test
	void aPathWithoutALabelReadsAsRecorded() {
		assertThat(fields.label("headerTitle")).isEqualTo("headerTitle");
		assertThat(fields.label("mystery.setting")).isEqualTo("mystery.setting");
		assertThat(fields.label("")).isEmpty();
		// as far as its parts have labels, the rest as recorded
		assertThat(fields.label("appearance.shadow")).isEqualTo("Appearance › shadow");
		assertThat(fields.label("preChatForm.fields[4].placeholder.text"))
			.isEqualTo("Pre-chat form › Field 5 › placeholder.text");
		for (String hostile : HostileInputs.storableTexts()) {
			assertThat(fields.label(hostile)).isEqualTo(hostile);
			assertThat(fields.label("appearance." + hostile)).isEqualTo("Appearance › " + hostile);
		}
	}

	@Test
	void knowsTheImageFields() {
		assertThat(List.of("logoAssetId", "waitingQueue.logoAssetId", "waitingQueue.heroImageAssetId"))
			.allMatch(fields::isImage);
		assertThat(List.of("name", "chatProfileId", "waitingQueue.message", "AssetId.name", "x.<b>AssetId"))
			.noneMatch(fields::isImage);
	}

	@Test
	void aSectionEndsAtADotOrAnIndex() {
		assertThat(AuditFields.inSection("waitingQueue.message", "waitingQueue")).isTrue();
		assertThat(AuditFields.inSection("waitingQueue", "waitingQueue")).isTrue();
		assertThat(AuditFields.inSection("preChatForm.fields[2].options", "preChatForm.fields")).isTrue();
		assertThat(AuditFields.inSection("preChatForm.fields[2].options", "preChatForm.fields[2]")).isTrue();
		assertThat(AuditFields.inSection("preChatForm.fields[20].options", "preChatForm.fields[2]")).isFalse();
		assertThat(AuditFields.inSection("waitingQueueSize", "waitingQueue")).isFalse();
		assertThat(AuditFields.inSection("waitingQueue", "waitingQueue.message")).isFalse();
		assertThat(AuditFields.inSection("name", "")).isFalse();
	}

	@Test
	void findsTheFewestSectionsWhoseLabelsHoldAText() {
		assertThat(fields.sectionsLabelled("PRE-CHAT")).containsExactly("preChatForm");
		assertThat(fields.sectionsLabelled("Waiting queue › logo")).containsExactly("waitingQueue.logoAssetId");
		assertThat(fields.sectionsLabelled("primary")).containsExactly("appearance.primaryColor",
				"appearance.primaryTextColor");
		// "Field 3", and "Field 30" to "Field 39" while lists are looked at
		assertThat(fields.sectionsLabelled("field 3")).contains("preChatForm.fields[2]", "preChatForm.fields[29]",
				"preChatForm.fields[38]").hasSize(11);
		assertThat(fields.sectionsLabelled("field 3 › options")).containsExactly("preChatForm.fields[2].options");
		// the filter's name for the list is not part of the entries' labels ("Field 3", not "Fields")
		assertThat(fields.sectionsLabelled("fields")).isEmpty();
		assertThat(fields.sectionsLabelled("nowhere")).isEmpty();
	}

	@Test
	void offersTheFieldsAndSectionsByLabel() {
		assertThat(fields.choices()).contains(new AuditFields.Choice("waitingQueue", "Waiting queue", true),
				new AuditFields.Choice("preChatForm.fields", "Pre-chat form › Fields", true),
				new AuditFields.Choice("appearance.primaryColor", "Appearance › Primary color", false),
				new AuditFields.Choice("skill", "Skill", false))
			.noneMatch(choice -> choice.path().contains("["));
		List<String> labels = fields.choices().stream().map(AuditFields.Choice::label).toList();
		assertThat(labels.indexOf("Appearance")).isLessThan(labels.indexOf("Appearance › Primary color"));
	}
}

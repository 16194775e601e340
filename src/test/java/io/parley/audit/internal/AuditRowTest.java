package io.parley.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.audit.AuditAction;
import io.parley.audit.AuditedEntityType;
import io.parley.audit.FieldChange;

class AuditRowTest {

	@Test
	void searchTextHoldsNamesFieldsAndValuesInLowerCase() {
		AuditRow row = new AuditRow(UUID.randomUUID(), 1, UUID.randomUUID(), Instant.now(),
				AuditedEntityType.CHAT_PROFILE, UUID.randomUUID(), "Sales Chat", AuditAction.UPDATED, null, "Zoe",
				"Zoë ÜNAL", List.of(new FieldChange("appearance.primaryColor", "#0B5FFF", null)));
		assertThat(row.searchText()).isEqualTo("sales chat\nzoe\nzoë ünal\nappearance.primarycolor\n#0b5fff");
	}

	@Test
	void keepsTimeToTheMicrosecond() {
		AuditRow row = new AuditRow(UUID.randomUUID(), 1, UUID.randomUUID(),
				Instant.parse("1969-12-31T23:59:59.999999999Z"), AuditedEntityType.POINT_OF_CONTACT, UUID.randomUUID(),
				"x", AuditAction.CREATED, null, "a", "b", List.of());
		assertThat(row.occurredAt()).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
		assertThat(row.occurredAtMicros()).isEqualTo(-1);
	}
}

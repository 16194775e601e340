package io.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.shared.InvalidInputException;

class AuditFiltersTest {

	static final UUID TENANT = UUID.randomUUID();
	static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

	static AuditQuery query(String from, String to) {
		return new AuditFilters(null, null, null, null, from, to, null, null, null).query(TENANT, NOW);
	}

	@Test
	void defaultsToTheThirtyDaysUpToNow() {
		AuditQuery query = query(null, null);
		assertThat(query.from()).isEqualTo(Instant.parse("2026-10-26T10:15:30Z"));
		assertThat(query.to()).isEqualTo(NOW);
	}

	@Test
	void readsDatesAsWholeDaysInUtcAndInstantsAsThemselves() {
		AuditQuery days = query("2026-11-01", "2026-11-05");
		assertThat(days.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
		assertThat(days.to()).isEqualTo(Instant.parse("2026-11-05T23:59:59.999999Z"));
		AuditQuery instants = query("2026-11-01T08:00:00Z", "2026-11-05T08:00:00Z");
		assertThat(instants.from()).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
		assertThat(instants.to()).isEqualTo(Instant.parse("2026-11-05T08:00:00Z"));
	}

	@Test
	void anEndDateAloneStartsThirtyWholeDaysBeforeIt() {
		assertThat(query(null, "2026-11-30").from()).isEqualTo(Instant.parse("2026-10-31T00:00:00Z"));
		assertThat(query(null, "2026-11-30T12:00:00Z").from()).isEqualTo(Instant.parse("2026-10-31T12:00:00Z"));
	}

	@Test
	void namesTheFiltersAtFault() {
		assertThatThrownBy(() -> query("yesterday", null)).isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(v -> v.field())
				.containsExactly("from"));
		assertThatThrownBy(() -> query("2026-02-01", "2026-01-01")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("must not be after the end date");
		assertThatThrownBy(() -> new AuditFilters(null, null, null, "MOVED", null, null, null, "USER", "x")
			.query(TENANT, NOW)).isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(v -> v.field())
				.containsExactly("entityType", "entityId", "action"));
	}

	@Test
	void aboutOneEntityReplacesTheEntityItNamed() {
		UUID id = UUID.randomUUID();
		AuditQuery query = new AuditFilters(null, null, null, null, null, null, null, "garbage", "garbage")
			.about(AuditedEntityType.POINT_OF_CONTACT, id).query(TENANT, NOW);
		assertThat(query.entityType()).isEqualTo(AuditedEntityType.POINT_OF_CONTACT);
		assertThat(query.entityId()).isEqualTo(id);
	}
}

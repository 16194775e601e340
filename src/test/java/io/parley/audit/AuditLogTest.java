package io.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.shared.InvalidInputException;
import io.parley.shared.ListPage;

class AuditLogTest {

	@Test
	void escapesLikeWildcardsSoTheyMatchThemselves() {
		assertThat(AuditLog.likeEscaped("100%_a\\b")).isEqualTo("100\\%\\_a\\\\b");
	}

	@Test
	void cursorKeepsTheMicrosecondAndTheId() {
		AuditLog.Position position = new AuditLog.Position(Instant.parse("2026-11-25T10:15:30.123456Z"),
				UUID.randomUUID());
		assertThat(AuditLog.Position.decode(ListPage.cursor("audit", position.parts()))).isEqualTo(position);
		AuditLog.Position beforeEpoch = new AuditLog.Position(Instant.parse("1969-12-31T23:59:59.999999Z"),
				UUID.randomUUID());
		assertThat(AuditLog.Position.decode(ListPage.cursor("audit", beforeEpoch.parts()))).isEqualTo(beforeEpoch);
	}

	@Test
	void refusesACursorItDidNotMake() {
		assertThatThrownBy(() -> AuditLog.Position.decode(ListPage.cursor("audit", java.util.List.of("12", "not-a-uuid"))))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("cursor");
		assertThatThrownBy(() -> AuditLog.Position.decode(ListPage.cursor("audit", java.util.List.of("abc"))))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> AuditLog.Position.decode(ListPage.cursor("users", java.util.List.of("12",
				UUID.randomUUID().toString()))))
			.isInstanceOf(InvalidInputException.class);
	}
}

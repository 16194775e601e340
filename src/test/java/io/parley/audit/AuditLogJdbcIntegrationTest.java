package io.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.parley.shared.InvalidInputException;
import io.parley.shared.ListPage;
import io.parley.accounts.Actor;
import io.parley.accounts.Role;
import io.parley.audit.internal.AuditPartitions;
import io.parley.audit.internal.AuditWriter;
import io.parley.database.EmbeddedDatabaseSlice;

/**
 * The audit log's SQL on the embedded PostgreSQL, nothing else started: rows written as the recorder writes them
 * (in the test's transaction, rolled back after), read back by tenant, entity, text, field section, action and
 * date range, in keyset pages, with the summary and the hash chain.
 */
@EmbeddedDatabaseSlice
@Import({ AuditLog.class, AuditFields.class })
class AuditLogJdbcIntegrationTest {

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	AuditWriter writer;

	Actor alice;

	Actor bob;

	@BeforeEach
	void setUp() {
		writer = new AuditWriter(jdbc, new AuditPartitions(jdbc, transactions), Clock.systemUTC());
		UUID tenant = UUID.randomUUID();
		alice = new Actor(tenant, UUID.randomUUID(), "alice", "Alice Adams", Set.of(Role.ADMIN));
		bob = new Actor(tenant, UUID.randomUUID(), "bob", "Bob Brown", Set.of(Role.ADMIN));
	}

	static AuditFilters filters(String q, String actor, String field, String action) {
		return new AuditFilters(q, actor, field, action, null, null, null, null, null);
	}

	static final AuditFilters ALL = filters(null, null, null, null);

	void write(Actor actor, UUID entity, String name, AuditAction action, FieldChange... changes) {
		writer.append(actor.tenantId(), actor, List.of(new AuditWriter.Entry(AuditedEntityType.CHAT_PROFILE, entity,
				name, action, List.of(changes))));
	}

	@Test
	void readsATenantsHistoryNewestFirstByEntityTextFieldAndAction() {
		UUID sales = UUID.randomUUID();
		UUID support = UUID.randomUUID();
		write(alice, sales, "Sales", AuditAction.CREATED, new FieldChange("name", null, "Sales"),
				new FieldChange("appearance.primaryColor", null, "#0B5FFF"));
		write(bob, sales, "Sales", AuditAction.UPDATED, new FieldChange("appearance.primaryColor", "#0B5FFF", "#FF0000"));
		write(alice, support, "Support", AuditAction.CREATED, new FieldChange("name", null, "Support"));
		Actor stranger = new Actor(UUID.randomUUID(), UUID.randomUUID(), "eve", "Eve", Set.of(Role.ADMIN));
		write(stranger, sales, "Sales", AuditAction.UPDATED, new FieldChange("name", "Sales", "Hacked"));

		assertThat(audit.page(alice, ALL, null).items()).extracting(AuditEvent::entityName)
			.containsExactly("Support", "Sales", "Sales");
		assertThat(audit.page(alice, ALL.about(AuditedEntityType.CHAT_PROFILE, sales), null).items())
			.extracting(AuditEvent::action)
			.containsExactly(AuditAction.UPDATED, AuditAction.CREATED);
		assertThat(audit.page(alice, filters("ff0000", null, null, null), null).items()).extracting(AuditEvent::actor)
			.containsExactly("bob");
		assertThat(audit.page(alice, filters(null, "alice", null, null), null).items()).hasSize(2);
		assertThat(audit.page(alice, filters(null, null, "appearance", null), null).items()).hasSize(2);
		assertThat(audit.page(alice, filters(null, null, null, "UPDATED"), null).items()).extracting(AuditEvent::actor)
			.containsExactly("bob");
		assertThat(audit.page(alice, new AuditFilters(null, null, null, null, "2001-01-01", "2001-01-31", null, null,
				null), null).items()).isEmpty();

		AuditSummary summary = audit.summary(alice.tenantId(), AuditedEntityType.CHAT_PROFILE, sales);
		assertThat(summary.createdBy()).isEqualTo("alice");
		assertThat(summary.modifiedBy()).isEqualTo("bob");
		assertThat(audit.verify(alice.tenantId()).valid()).isTrue();
		assertThat(audit.verify(alice.tenantId()).checked()).isEqualTo(3);
	}

	@Test
	void pagesByCursorWithoutLosingOrRepeatingARow() {
		UUID entity = UUID.randomUUID();
		for (int i = 0; i < 7; i++) {
			write(alice, entity, "Desk", AuditAction.UPDATED, new FieldChange("name", "v" + i, "v" + (i + 1)));
		}
		AuditFilters twoAPage = new AuditFilters(null, null, null, null, null, null, "2", null, null);
		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			ListPage<AuditEvent> page = audit.page(alice, twoAPage, cursor);
			assertThat(page.items().size()).isBetween(1, 2);
			page.items().forEach(event -> seen.add(event.changes().get(0).newValue()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		assertThat(seen).containsExactly("v7", "v6", "v5", "v4", "v3", "v2", "v1");
	}

	@Test
	void refusesFiltersAndCursorsItCannotRead() {
		assertThatThrownBy(() -> audit.page(alice, filters(null, null, null, "EXPLODED"), null))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("action");
		assertThatThrownBy(() -> audit.page(alice, new AuditFilters(null, null, null, null, "2026-02-01",
				"2026-01-01", null, null, null), null))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("from");
		assertThatThrownBy(() -> audit.page(alice, ALL, "garbage")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("cursor");
	}
}

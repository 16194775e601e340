package io.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import io.parley.shared.ListPage;
import io.parley.accounts.Actor;
import io.parley.accounts.Role;
import io.parley.accounts.TestTenants;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactDraft;
import io.parley.contactpoints.PointOfContactManagement;
import io.parley.database.EmbeddedDatabase;

/**
 * The audit module bootstrapped on its own with the modules it depends on, nothing mocked, on the embedded
 * PostgreSQL: a real point of contact change made through the contact points module is found in the audit history,
 * read as the API and the console read it. Modulith's bootstrap dependencies are only the modules whose beans audit
 * injects, so the others it depends on are included by name: contactpoints and profiles (whose events it records),
 * accounts (actors), what those need (cluster, assets) and database ({@link EmbeddedDatabase}). Chat,
 * routing, widget and the console are not started.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES,
		extraIncludes = { "database", "contactpoints", "profiles", "accounts", "cluster", "assets" })
@EmbeddedDatabase
@TestPropertySource(properties = { "parley.accounts.admin-password=audit-module-test",
		"logging.level.root=WARN", "logging.level.io.parley=INFO" })
class AuditModuleIntegrationTest {

	@Autowired
	PointOfContactManagement pointsOfContact;

	@Autowired
	AuditLog audit;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPointOfContactChangeIsInItsHistory() {
		String username = tenants.tenantWithAdmin("audit-module-password");
		Actor actor = jdbc.sql("select id, tenant_id, display_name from app_user where username = ?")
			.param(username)
			.query((rs, n) -> new Actor(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class), username,
					rs.getString("display_name"), Set.of(Role.ADMIN)))
			.single();

		PointOfContact created = pointsOfContact.create(actor,
				new PointOfContactDraft("Module desk", null, "sales", true, List.of(), null));
		pointsOfContact.update(actor, created.id(), created.version(),
				new PointOfContactDraft("Module desk", null, "support", true, List.of(), null));

		AuditFilters none = new AuditFilters(null, null, null, null, null, null, null, null, null);
		ListPage<AuditEvent> history = audit.page(actor,
				none.about(AuditedEntityType.POINT_OF_CONTACT, created.id()), null);
		assertThat(history.items()).extracting(AuditEvent::action)
			.containsExactly(AuditAction.UPDATED, AuditAction.CREATED);
		AuditEvent update = history.items().get(0);
		assertThat(update.actor()).isEqualTo(username);
		assertThat(update.changes()).extracting(FieldChange::field, FieldChange::oldValue, FieldChange::newValue)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("skill", "sales", "support"));
		assertThat(audit.page(actor, none, null).items()).hasSize(2);
		assertThat(audit.verify(actor.tenantId()).valid()).isTrue();
	}
}

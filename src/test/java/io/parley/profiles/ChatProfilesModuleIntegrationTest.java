package io.parley.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;

import io.parley.accounts.Actor;
import io.parley.accounts.Role;
import io.parley.database.EmbeddedDatabase;

/**
 * The profiles module on its own with the modules it depends on (accounts, assets), real beans throughout, on an
 * embedded PostgreSQL migrated by Flyway ({@link EmbeddedDatabase}): creating and changing a profile stores it and announces each change with
 * the settings by path, which is all the audit history and the widget need from it.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "database")
@TestPropertySource(properties = { "logging.level.root=WARN", "parley.accounts.admin-password=module-test-password" })
@EmbeddedDatabase
class ChatProfilesModuleIntegrationTest {

	@Autowired
	ChatProfileManagement profiles;

	@Autowired
	ChatProfileCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Test
	void createsAndChangesAProfileAnnouncingEachChange(PublishedEvents events) {
		UUID tenant = UUID.randomUUID();
		jdbc.sql("insert into tenant (id, name) values (?, ?)").params(tenant, "module-" + tenant).update();
		Actor admin = new Actor(tenant, UUID.randomUUID(), "ann", "Ann", Set.of(Role.ADMIN));

		ChatProfile created = profiles.create(admin, new ChatProfileDraft("Module chat", null, InterfaceVersion.V1,
				null, null, null, null));
		assertThat(events.ofType(ChatProfileCreated.class).matching(e -> e.profileId().equals(created.id())))
			.singleElement()
			.satisfies(e -> assertThat(e.fields()).containsEntry("appearance.buttonOffset.x", "20")
				.containsEntry("interfaceVersion", "V1"));

		Appearance.Input moved = new Appearance.Input(null, null, null, null, null, null, null, null, null, null, null,
				ButtonPosition.TOP_LEFT, new Appearance.ButtonOffset(0, 40));
		ChatProfile updated = profiles.update(admin, created.id(), 1,
				new ChatProfileDraft("Module chat", null, InterfaceVersion.V1, moved, null, null, null));
		assertThat(updated.version()).isEqualTo(2);
		assertThat(events.ofType(ChatProfileUpdated.class).matching(e -> e.profileId().equals(created.id())))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.before()).containsEntry("appearance.buttonOffset.x", "20");
				assertThat(e.after()).containsEntry("appearance.buttonOffset.x", "0")
					.containsEntry("appearance.buttonPosition", "TOP_LEFT");
			});
		assertThat(catalog.find(tenant, created.id())).get().extracting(ChatProfile::appearance)
			.extracting(Appearance::buttonOffset).isEqualTo(new Appearance.ButtonOffset(0, 40));
	}
}

package io.parley.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The migration to the settings document (V17) on rows written by the schema before it: a V1 profile with a logo
 * and a V2 profile with a pre-chat form and a waiting queue screen read back exactly as they were written.
 */
class ChatProfilesMigrationTest {

	static final UUID TENANT = UUID.randomUUID();
	static final UUID LOGO = UUID.randomUUID();
	static final UUID HERO = UUID.randomUUID();
	static final UUID V1 = UUID.randomUUID();
	static final UUID V2 = UUID.randomUUID();

	static EmbeddedPostgres postgres;
	static JdbcClient jdbc;

	@BeforeAll
	static void migrateRowsOfTheOldSchema() throws Exception {
		postgres = EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
		DataSource data = postgres.getPostgresDatabase();
		Flyway.configure().dataSource(data).target("16").load().migrate();
		jdbc = JdbcClient.create(data);
		jdbc.sql("insert into tenant (id, name) values (?, 'old')").params(TENANT).update();
		for (UUID asset : List.of(LOGO, HERO)) {
			jdbc.sql("insert into asset (id, tenant_id, content_type, width, height, bytes, sha256, data)"
					+ " values (?, ?, 'image/png', 1, 1, 1, 'x', '\\x00')").params(asset, TENANT).update();
		}
		jdbc.sql("insert into chat_profile values (?, ?, 'Old V1', 'with a logo', 'V1', '#123456', '#FEFEFE',"
				+ " '#EEEEEE', '#222222', '#654321', '#FFFFFF', '\"Open Sans\", Arial', 'SMALL', 'Old help', '',"
				+ " 'Ask us', 'BOTTOM_LEFT', ?, null, null, null, null, null, null, null, null, null, 3,"
				+ " now(), 'admin', now(), 'someone')").params(V1, TENANT, LOGO).update();
		jdbc.sql("insert into chat_profile values (?, ?, 'Old V2', null, 'V2', '#0B5FFF', '#FFFFFF', '#F1F3F5',"
				+ " '#111111', '#0B5FFF', '#FFFFFF', 'system-ui', 'REGULAR', 'Chat with us', 'Hi! How can we help?',"
				+ " 'Live Chat', 'BOTTOM_RIGHT', null, cast(? as jsonb), true, 'Thanks for waiting', '#FAFAFA',"
				+ " '#101010', ?, ?, false, true, 1, now(), 'admin', now(), 'admin')")
			.params(V2, TENANT, """
					{"enabled": true, "welcomeMessage": null, "fields": [
					 {"key": "email", "label": "Email", "type": "EMAIL", "required": true, "options": [], "maxLength": 120},
					 {"key": "topic", "label": "Topic", "type": "SELECT", "required": false,
					  "options": ["Orders", "Returns \\"now\\""], "maxLength": null}]}""", LOGO, HERO)
			.update();
		Flyway.configure().dataSource(data).load().migrate();
	}

	@AfterAll
	static void stop() throws Exception {
		postgres.close();
	}

	@Test
	void readsAV1ProfileWrittenBeforeTheSettingsDocument() {
		ChatProfile v1 = new ChatProfiles(jdbc).find(TENANT, V1).orElseThrow();
		assertThat(v1.name()).isEqualTo("Old V1");
		assertThat(v1.description()).isEqualTo("with a logo");
		assertThat(v1.version()).isEqualTo(3);
		assertThat(v1.updatedBy()).isEqualTo("someone");
		assertThat(v1.interfaceVersion()).isEqualTo(InterfaceVersion.V1);
		assertThat(v1.appearance()).isEqualTo(new Appearance(Color.of("#123456"), Color.of("#FEFEFE"),
				Color.of("#EEEEEE"), Color.of("#222222"), Color.of("#654321"), Color.of("#FFFFFF"),
				FontFamily.of("\"Open Sans\", Arial"), FontSize.SMALL, "Old help", "", "Ask us",
				ButtonPosition.BOTTOM_LEFT, new Appearance.ButtonOffset(20, 20)));
		assertThat(v1.logoAssetId()).isEqualTo(LOGO);
		assertThat(v1.preChatForm()).isNull();
		assertThat(v1.waitingQueue()).isNull();
	}

	@Test
	void readsAV2ProfileWrittenBeforeTheSettingsDocument() {
		ChatProfile v2 = new ChatProfiles(jdbc).find(TENANT, V2).orElseThrow();
		assertThat(v2.description()).isNull();
		assertThat(v2.appearance()).isEqualTo(Appearance.DEFAULT);
		assertThat(v2.logoAssetId()).isNull();
		assertThat(v2.preChatForm()).isEqualTo(new PreChatForm(true, null, List.of(
				new PreChatField("email", "Email", PreChatFieldType.EMAIL, true, List.of(), 120),
				new PreChatField("topic", "Topic", PreChatFieldType.SELECT, false, List.of("Orders", "Returns \"now\""),
						null))));
		assertThat(v2.waitingQueue()).isEqualTo(new WaitingQueue(true, "Thanks for waiting", Color.of("#FAFAFA"),
				Color.of("#101010"), LOGO, HERO, false, true));
	}

	@Test
	void keepsTheImagesReferencedSoTheyCannotBeDeletedUnderAProfile() {
		assertThat(jdbc.sql("select waiting_queue_hero_asset_id from chat_profile where id = ?").params(V2)
			.query(UUID.class).single()).isEqualTo(HERO);
	}
}

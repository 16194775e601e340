package io.parley.profiles;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The chat profiles of all tenants; every query takes the tenant. */
@Repository
class ChatProfiles {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String COLUMNS = "id, tenant_id, name, description, interface_version, primary_color,"
			+ " primary_text_color, agent_bubble_color, agent_bubble_text_color, top_bar_color, top_bar_text_color,"
			+ " font_family, font_size, header_title, welcome_message, button_label, button_position, logo_asset_id,"
			+ " pre_chat_form, waiting_queue_enabled, waiting_queue_message, waiting_queue_background_color,"
			+ " waiting_queue_text_color, waiting_queue_logo_asset_id, waiting_queue_hero_asset_id,"
			+ " waiting_queue_show_position, waiting_queue_show_wait, version, created_at, created_by, updated_at,"
			+ " updated_by";

	private final JdbcClient jdbc;

	ChatProfiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ChatProfile> find(UUID tenantId, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from chat_profile where tenant_id = ? and id = ?")
			.params(tenantId, id)
			.query((rs, n) -> map(rs))
			.optional();
	}

	/** Up to {@code limit} profiles whose name contains {@code q}, ordered by name ignoring case, after {@code afterName}. */
	List<ChatProfile> page(UUID tenantId, String q, String afterName, int limit) {
		return jdbc.sql("select " + COLUMNS + " from chat_profile where tenant_id = :tenant"
				+ " and (:q = '' or strpos(lower(name), lower(:q)) > 0)"
				+ " and (:after = '' or lower(name) > lower(:after))"
				+ " order by lower(name) limit :limit")
			.param("tenant", tenantId)
			.param("q", q == null ? "" : q)
			.param("after", afterName == null ? "" : afterName)
			.param("limit", limit)
			.query((rs, n) -> map(rs))
			.list();
	}

	boolean nameTaken(UUID tenantId, String name, UUID exceptId) {
		return jdbc.sql("select exists (select 1 from chat_profile where tenant_id = ? and lower(name) = lower(?)"
				+ " and id <> ?)")
			.params(tenantId, name, exceptId == null ? new UUID(0, 0) : exceptId)
			.query(Boolean.class)
			.single();
	}

	void insert(ChatProfile p) {
		jdbc.sql("insert into chat_profile (" + COLUMNS + ") values (:id, :tenant, :name, :description,"
				+ " :interfaceVersion, :primaryColor, :primaryTextColor, :agentBubbleColor, :agentBubbleTextColor,"
				+ " :topBarColor, :topBarTextColor, :fontFamily, :fontSize, :headerTitle, :welcomeMessage, :buttonLabel,"
				+ " :buttonPosition, :logoAssetId, cast(:preChatForm as jsonb), :wqEnabled, :wqMessage, :wqBackground,"
				+ " :wqText, :wqLogo, :wqHero, :wqShowPosition, :wqShowWait, :version, :createdAt, :createdBy,"
				+ " :updatedAt, :updatedBy)")
			.params(params(p))
			.update();
	}

	/** Writes the profile when its version is still {@code expectedVersion}; false when someone else wrote first. */
	boolean update(ChatProfile p, int expectedVersion) {
		Map<String, Object> params = params(p);
		params.put("expectedVersion", expectedVersion);
		return jdbc.sql("update chat_profile set name = :name, description = :description,"
				+ " interface_version = :interfaceVersion, primary_color = :primaryColor,"
				+ " primary_text_color = :primaryTextColor, agent_bubble_color = :agentBubbleColor,"
				+ " agent_bubble_text_color = :agentBubbleTextColor, top_bar_color = :topBarColor,"
				+ " top_bar_text_color = :topBarTextColor, font_family = :fontFamily, font_size = :fontSize,"
				+ " header_title = :headerTitle, welcome_message = :welcomeMessage, button_label = :buttonLabel,"
				+ " button_position = :buttonPosition, logo_asset_id = :logoAssetId,"
				+ " pre_chat_form = cast(:preChatForm as jsonb), waiting_queue_enabled = :wqEnabled,"
				+ " waiting_queue_message = :wqMessage, waiting_queue_background_color = :wqBackground,"
				+ " waiting_queue_text_color = :wqText, waiting_queue_logo_asset_id = :wqLogo,"
				+ " waiting_queue_hero_asset_id = :wqHero, waiting_queue_show_position = :wqShowPosition,"
				+ " waiting_queue_show_wait = :wqShowWait, version = :version, updated_at = :updatedAt,"
				+ " updated_by = :updatedBy"
				+ " where tenant_id = :tenant and id = :id and version = :expectedVersion")
			.params(params)
			.update() == 1;
	}

	boolean delete(UUID tenantId, UUID id, int expectedVersion) {
		return jdbc.sql("delete from chat_profile where tenant_id = ? and id = ? and version = ?")
			.params(tenantId, id, expectedVersion)
			.update() == 1;
	}

	private static Map<String, Object> params(ChatProfile p) {
		Appearance a = p.appearance();
		WaitingQueue q = p.waitingQueue();
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("id", p.id());
		params.put("tenant", p.tenantId());
		params.put("name", p.name());
		params.put("description", p.description());
		params.put("interfaceVersion", p.interfaceVersion().name());
		params.put("primaryColor", a.primaryColor().hex());
		params.put("primaryTextColor", a.primaryTextColor().hex());
		params.put("agentBubbleColor", a.agentBubbleColor().hex());
		params.put("agentBubbleTextColor", a.agentBubbleTextColor().hex());
		params.put("topBarColor", a.topBarColor().hex());
		params.put("topBarTextColor", a.topBarTextColor().hex());
		params.put("fontFamily", a.fontFamily().value());
		params.put("fontSize", a.fontSize().name());
		params.put("headerTitle", a.headerTitle());
		params.put("welcomeMessage", a.welcomeMessage());
		params.put("buttonLabel", a.buttonLabel());
		params.put("buttonPosition", a.buttonPosition().name());
		params.put("logoAssetId", p.logoAssetId());
		params.put("preChatForm", p.preChatForm() == null ? null : formJson(p.preChatForm()));
		params.put("wqEnabled", q == null ? null : q.enabled());
		params.put("wqMessage", q == null ? null : q.message());
		params.put("wqBackground", q == null ? null : q.backgroundColor().hex());
		params.put("wqText", q == null ? null : q.textColor().hex());
		params.put("wqLogo", q == null ? null : q.logoAssetId());
		params.put("wqHero", q == null ? null : q.heroImageAssetId());
		params.put("wqShowPosition", q == null ? null : q.showPosition());
		params.put("wqShowWait", q == null ? null : q.showEstimatedWait());
		params.put("version", p.version());
		params.put("createdAt", Timestamp.from(p.createdAt()));
		params.put("createdBy", p.createdBy());
		params.put("updatedAt", Timestamp.from(p.updatedAt()));
		params.put("updatedBy", p.updatedBy());
		return params;
	}

	static ChatProfile map(ResultSet rs) throws SQLException {
		Appearance appearance = new Appearance(Color.of(rs.getString("primary_color")),
				Color.of(rs.getString("primary_text_color")), Color.of(rs.getString("agent_bubble_color")),
				Color.of(rs.getString("agent_bubble_text_color")), Color.of(rs.getString("top_bar_color")),
				Color.of(rs.getString("top_bar_text_color")), FontFamily.of(rs.getString("font_family")),
				FontSize.valueOf(rs.getString("font_size")), rs.getString("header_title"),
				rs.getString("welcome_message"), rs.getString("button_label"),
				ButtonPosition.valueOf(rs.getString("button_position")));
		String form = rs.getString("pre_chat_form");
		WaitingQueue queue = rs.getObject("waiting_queue_enabled") == null ? null
				: new WaitingQueue(rs.getBoolean("waiting_queue_enabled"), rs.getString("waiting_queue_message"),
						Color.of(rs.getString("waiting_queue_background_color")),
						Color.of(rs.getString("waiting_queue_text_color")),
						rs.getObject("waiting_queue_logo_asset_id", UUID.class),
						rs.getObject("waiting_queue_hero_asset_id", UUID.class),
						rs.getBoolean("waiting_queue_show_position"), rs.getBoolean("waiting_queue_show_wait"));
		return new ChatProfile(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getString("name"), rs.getString("description"),
				InterfaceVersion.valueOf(rs.getString("interface_version")), appearance,
				rs.getObject("logo_asset_id", UUID.class), form == null ? null : form(form), queue,
				rs.getInt("version"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
	}

	private static String formJson(PreChatForm form) {
		List<Map<String, Object>> fields = new ArrayList<>();
		for (PreChatField f : form.fields()) {
			Map<String, Object> field = new LinkedHashMap<>();
			field.put("key", f.key());
			field.put("label", f.label());
			field.put("type", f.type().name());
			field.put("required", f.required());
			field.put("options", f.options());
			field.put("maxLength", f.maxLength());
			fields.add(field);
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("enabled", form.enabled());
		json.put("welcomeMessage", form.welcomeMessage());
		json.put("fields", fields);
		return JSON.writeValueAsString(json);
	}

	private static PreChatForm form(String text) {
		JsonNode json = JSON.readTree(text);
		List<PreChatField> fields = new ArrayList<>();
		for (JsonNode f : json.get("fields")) {
			List<String> options = new ArrayList<>();
			f.get("options").forEach(o -> options.add(o.asString()));
			JsonNode maxLength = f.get("maxLength");
			fields.add(new PreChatField(f.get("key").asString(), f.get("label").asString(),
					PreChatFieldType.valueOf(f.get("type").asString()), f.get("required").asBoolean(), options,
					maxLength == null || maxLength.isNull() ? null : maxLength.asInt()));
		}
		JsonNode welcome = json.get("welcomeMessage");
		return new PreChatForm(json.get("enabled").asBoolean(), welcome == null || welcome.isNull() ? null
				: welcome.asString(), fields);
	}
}

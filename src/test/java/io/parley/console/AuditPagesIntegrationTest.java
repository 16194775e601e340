package io.parley.console;

import static io.parley.console.ChatProfilePagesIntegrationTest.fields;
import static io.parley.console.ChatProfilePagesIntegrationTest.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

import io.parley.HostileInputs;
import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.accounts.Actor;
import io.parley.accounts.Role;
import io.parley.accounts.TestTenants;
import io.parley.assets.Multipart;
import io.parley.assets.TestImages;
import io.parley.profiles.ChatProfileUpdated;

/**
 * The audit history pages: a profile's and a point of contact's tab with the created/modified header, and the
 * tenant-wide page; search, dates, user, field, action and type filters, more rows by cursor, and the CSV.
 */
@IntegrationTest
class AuditPagesIntegrationTest {

	static final String PASSWORD = "console-audit-password";

	@Autowired
	WebApplicationContext context;

	@Autowired
	UserDetailsService users;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@LocalServerPort
	int port;

	MockMvc mvc;
	String admin;
	RequestPostProcessor signedIn;
	HttpApi api;
	String profile;

	@BeforeEach
	void setUp() throws Exception {
		mvc = ConsoleMvc.of(context);
		admin = tenants.tenantWithAdmin(PASSWORD);
		signedIn = ConsoleMvc.as(users, admin);
		api = HttpApi.basic(port, admin, PASSWORD);
		MvcResult created = mvc.perform(post("/console/chat-profiles").with(signedIn).with(csrf())
			.params(form(fields("name", "Audited", "interfaceVersion", "V2")))).andReturn();
		profile = ConsoleMvc.idIn(created.getResponse().getRedirectedUrl(), "/console/chat-profiles/").toString();
		mvc.perform(post("/console/chat-profiles/" + profile).with(signedIn).with(csrf())
			.params(form(fields("version", "1", "name", "Audited", "interfaceVersion", "V2", "appearance.headerTitle",
					"Ask us anything", "appearance.primaryColor", "#AA0000"))));
	}

	@Test
	void profileTabShowsWhoCreatedAndChangedItAndFindsAChangeBySearchAndByDate() throws Exception {
		String tab = page(get("/console/chat-profiles/" + profile + "/audit"));
		assertThat(tab).contains("Created by", "Created date", "Modified by", "Modified date", "<label for=\"f-q\">Search</label>",
				"<label for=\"f-from\">Start date</label>", "<label for=\"f-to\">End date</label>", ">Apply</button>", ">Reset</a>")
			.contains("<th scope=\"col\">Field</th>", "<th scope=\"col\">Old value</th>", "<th scope=\"col\">New value</th>",
					"<th scope=\"col\">Modified by</th>", "<th scope=\"col\">Date</th>")
			.containsPattern("(?s)Created by</dt><dd>" + admin)
			.containsPattern("(?s)title=\"appearance.headerTitle\">Appearance › Header title</span>.*?Chat with us.*?Ask us anything");
		// newest first: the update before the creation
		assertThat(tab.indexOf("badge-blue\">Updated<")).isPositive().isLessThan(tab.indexOf("badge-green\">Created<"));
		assertThat(ConsoleMvc.hasNoInlineScript(tab)).isTrue();

		String found = table(page(get("/console/chat-profiles/" + profile + "/audit").param("q", "ask US")));
		assertThat(found).contains("Ask us anything").doesNotContain("appearance.buttonLabel");

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String todayOnly = table(page(get("/console/chat-profiles/" + profile + "/audit").param("from", today.toString())
			.param("to", today.toString())));
		assertThat(todayOnly).contains("Ask us anything");
		String lastMonth = page(get("/console/chat-profiles/" + profile + "/audit")
			.param("from", today.minusDays(40).toString()).param("to", today.minusDays(10).toString()));
		assertThat(table(lastMonth)).doesNotContain("Ask us anything");
		assertThat(lastMonth).contains("No changes match");
		String endDateOnly = page(get("/console/chat-profiles/" + profile + "/audit").param("to", today.toString()));
		assertThat(table(endDateOnly)).contains("Ask us anything");
		assertThat(endDateOnly).contains("value=\"" + today.minusDays(30) + "\"");

		String byField = table(page(get("/console/chat-profiles/" + profile + "/audit")
			.param("field", "appearance.primaryColor").param("action", "UPDATED").param("actor", admin)));
		assertThat(byField).contains("#AA0000").doesNotContain("Ask us anything");
	}

	@Test
	void loadsOlderRowsByCursorAsARowFragment() throws Exception {
		for (int i = 0; i < io.parley.shared.ListPage.DEFAULT_LIMIT + 3; i++) {
			api.put("/api/v1/points-of-contact/" + poc() + "/chat-profile", Map.of("chatProfileId", profile));
		}
		String first = page(get("/console/chat-profiles/" + profile + "/audit").param("action", "ASSIGNED"));
		Matcher more = Pattern.compile("hx-get=\"([^\"]*fragment=rows[^\"]*)\"").matcher(first);
		assertThat(more.find()).as("a Show older changes button").isTrue();
		String rows = page(get(more.group(1).replace("&amp;", "&")));
		assertThat(rows).startsWith("\n").doesNotContain("<html", "<thead").contains("Assigned");
		assertThat(Pattern.compile(">Assigned<").matcher(rows).results().count()).isEqualTo(3);
	}

	@Test
	void exportsWhatTheFiltersSelectAsCsv() throws Exception {
		MvcResult csv = mvc.perform(get("/console/chat-profiles/" + profile + "/audit.csv").param("q", "ask us")
			.with(signedIn)).andReturn();
		assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
		assertThat(csv.getResponse().getHeader("Content-Disposition")).contains("attachment");
		String text = csv.getResponse().getContentAsString();
		assertThat(text).startsWith("occurredAt,actor,action,entityType,entityName,field,oldValue,newValue")
			.contains(",UPDATED,CHAT_PROFILE,Audited,appearance.headerTitle,Chat with us,Ask us anything")
			.doesNotContain("appearance.buttonLabel");
		String tab = page(get("/console/chat-profiles/" + profile + "/audit").param("q", "ask us"));
		assertThat(tab).contains("href=\"/console/chat-profiles/" + profile + "/audit.csv?q=ask%20us\"");
	}

	@Test
	void tenantPageFiltersByEntityTypeAndNamesTheEntity() throws Exception {
		String poc = poc();
		String all = page(get("/console/audit"));
		assertThat(all).contains("<th scope=\"col\">Entity</th>", "Audited", "Desk", "<label for=\"f-type\">Entity type</label>");
		String pocs = page(get("/console/audit").param("type", "POINT_OF_CONTACT"));
		assertThat(table(pocs)).contains("href=\"/console/points-of-contact/" + poc + "\"").doesNotContain("appearance.headerTitle");

		String pocTab = page(get("/console/points-of-contact/" + poc + "/audit"));
		assertThat(pocTab).contains("skill", "desk", "Created by");
	}

	@Test
	void showsBadFiltersNextToTheirFields() throws Exception {
		MvcResult result = mvc.perform(get("/console/audit").param("from", "yesterday").param("action", "EXPLODED")
			.with(signedIn)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentAsString()).containsPattern("id=\"f-from-error\">[^<]*2026|id=\"f-from-error\">[^<]*date")
			.contains("must be one of");
		MvcResult reversed = mvc.perform(get("/console/audit").param("from", "2026-02-01").param("to", "2026-01-01")
			.with(signedIn)).andReturn();
		assertThat(reversed.getResponse().getContentAsString()).contains("must not be after the end date");
	}

	@Test
	void searchShowsOnlyTheRowsOfTheFieldsThatHoldTheWord() throws Exception {
		String desk = helpDesk();
		String tab = table(page(get("/console/chat-profiles/" + desk + "/audit").param("q", "billing")));
		// the creation changed some thirty fields; one of them, the choice list's options, mentions Billing
		assertThat(rows(tab)).hasSize(1);
		assertThat(rows(tab).get(0)).contains("[&quot;Billing&quot;,&quot;Sales&quot;]", "Created");
		String tenantWide = table(page(get("/console/audit").param("q", "billing")));
		assertThat(rows(tenantWide)).hasSize(1);

		// a word of the field's label finds that field's rows, with the changes' other fields left out
		String byLabel = table(page(get("/console/chat-profiles/" + desk + "/audit").param("q", "header title")));
		assertThat(rows(byLabel)).hasSize(2).allSatisfy(row -> assertThat(row).contains("title=\"appearance.headerTitle\""));
		// the user's name is in every row of their changes
		String byUser = table(page(get("/console/chat-profiles/" + desk + "/audit").param("q", admin)));
		assertThat(rows(byUser)).hasSizeGreaterThan(20);
	}

	@Test
	void fieldFilterMatchesAWholeSection() throws Exception {
		String desk = helpDesk();
		String queue = table(page(get("/console/chat-profiles/" + desk + "/audit").param("field", "waitingQueue")));
		// enabled, message, background and text color, show position, show estimated wait
		assertThat(rows(queue)).hasSize(6)
			.allSatisfy(row -> assertThat(row).containsPattern("title=\"waitingQueue\\.[a-zA-Z]+\""));
		String formFields = table(page(get("/console/chat-profiles/" + desk + "/audit").param("field", "preChatForm.fields")));
		assertThat(formFields).contains("title=\"preChatForm.fields[0].options\"", "title=\"preChatForm.fields[1].key\"")
			.doesNotContain("title=\"preChatForm.enabled\"");
		assertThat(rows(table(page(get("/console/chat-profiles/" + desk + "/audit").param("field", "waiting"))))).isEmpty();

		// the filter offers the sections and fields by their labels
		String tab = page(get("/console/chat-profiles/" + desk + "/audit").param("field", "waitingQueue"));
		assertThat(tab).contains("<select id=\"f-field\" name=\"field\"")
			.containsPattern("<option value=\"waitingQueue\" selected=\"selected\">Waiting queue \\(all\\)</option>")
			.contains("<option value=\"preChatForm.fields\">Pre-chat form › Fields (all)</option>",
					"<option value=\"appearance.primaryColor\">Appearance › Primary color</option>");
	}

	@Test
	void showsFieldLabelsWithThePathOnHover() throws Exception {
		String desk = helpDesk();
		String tab = table(page(get("/console/chat-profiles/" + desk + "/audit")));
		assertThat(tab).contains(
				"<span class=\"field-label\" title=\"preChatForm.fields[0].options\">Pre-chat form › Field 1 › Options</span>",
				"<span class=\"field-label\" title=\"preChatForm.fields[1].label\">Pre-chat form › Field 2 › Label</span>",
				"<span class=\"field-label\" title=\"appearance.headerTitle\">Appearance › Header title</span>",
				"<span class=\"field-label\" title=\"waitingQueue.showEstimatedWait\">Waiting queue › Show estimated wait</span>")
			// the raw path stays for screen readers too
			.contains("<span class=\"visually-hidden\">(preChatForm.fields[0].options)</span>");
		String poc = poc();
		String pocTab = table(page(get("/console/points-of-contact/" + poc + "/audit")));
		assertThat(pocTab).contains("<span class=\"field-label\" title=\"allowedOrigins\">Allowed origins</span>",
				"<span class=\"field-label\" title=\"skill\">Skill</span>");
	}

	@Test
	void showsImageIdsAsThumbnailsAndExportsTheRawIds() throws Exception {
		String logo = upload();
		String hero = upload();
		String desk = helpDesk();
		Map<String, Object> queue = new java.util.HashMap<>(queue());
		queue.put("logoAssetId", logo);
		queue.put("heroImageAssetId", hero);
		assertThat(api.put("/api/v1/chat-profiles/" + desk, Map.of("name", "Help desk", "interfaceVersion", "V2",
				"waitingQueue", queue)).status()).isEqualTo(200);
		String tab = table(page(get("/console/chat-profiles/" + desk + "/audit").param("field", "waitingQueue")));
		assertThat(tab).contains("<img class=\"thumbnail\" src=\"/assets/" + logo + "\" alt=\"image\"",
				"<img class=\"thumbnail\" src=\"/assets/" + hero + "\" alt=\"image\"")
			.doesNotContain(">" + logo + "<");

		String csv = mvc.perform(get("/console/chat-profiles/" + desk + "/audit.csv").param("field", "waitingQueue")
			.with(signedIn)).andReturn().getResponse().getContentAsString();
		assertThat(csv).contains(",waitingQueue.logoAssetId,," + logo, ",waitingQueue.heroImageAssetId,," + hero)
			.doesNotContain("Waiting queue");
	}

	@Test
	void unknownPathsShowRawAndHostileTextStaysText() throws Exception {
		UUID tenant = jdbc.sql("select tenant_id from app_user where username = ?").param(admin).query(UUID.class).single();
		Actor actor = new Actor(tenant, UUID.randomUUID(), admin, "Admin", Set.of(Role.ADMIN));
		UUID entity = UUID.fromString(profile);
		SortedMap<String, String> before = new TreeMap<>();
		SortedMap<String, String> after = new TreeMap<>();
		after.put("mystery.setting", "on");
		after.put("logoAssetId", "\"><img src=x onerror=alert(1)>");
		List<String> hostile = HostileInputs.markup();
		for (int i = 0; i < hostile.size(); i++) {
			after.put("appearance.welcomeMessage" + i, hostile.get(i));
			after.put(hostile.get(i), "v" + i);
		}
		transactions.executeWithoutResult(status -> events.publishEvent(
				new ChatProfileUpdated(tenant, entity, "Audited", before, after, actor)));

		String tab = table(page(get("/console/chat-profiles/" + profile + "/audit")));
		assertThat(tab).contains("<span class=\"field-label\">mystery.setting</span>",
				"<span class=\"field-label\" title=\"appearance.headerTitle\">Appearance › Header title</span>")
			.contains("<span class=\"field-label\">&lt;script&gt;alert(1)&lt;/script&gt;</span>",
					"&lt;script&gt;alert(1)&lt;/script&gt;</span>")
			.doesNotContain("<script>", "<img src=x", "<svg", "<iframe")
			// a value that is no asset id stays text, even in an image field
			.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
		assertThat(ConsoleMvc.hasNoInlineScript(tab)).isTrue();
	}

	/**
	 * A V2 profile whose creation changes some thirty fields: a pre-chat form with a choice list (Billing, Sales)
	 * and an e-mail field, and a waiting queue screen; then its header title changes.
	 */
	private String helpDesk() {
		Map<String, Object> topic = Map.of("key", "topic", "label", "Topic", "type", "SELECT", "options",
				List.of("Billing", "Sales"));
		Map<String, Object> email = Map.of("key", "email", "label", "Email", "type", "EMAIL");
		Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Help desk", "interfaceVersion", "V2",
				"preChatForm", Map.of("enabled", true, "fields", List.of(topic, email)), "waitingQueue", queue()));
		HttpApi.Answer created = api.post("/api/v1/chat-profiles", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.json().at("/id").asString();
		body.put("appearance", Map.of("headerTitle", "We answer in minutes"));
		assertThat(api.put("/api/v1/chat-profiles/" + id, body).status()).isEqualTo(200);
		return id;
	}

	private static Map<String, Object> queue() {
		return Map.of("enabled", true, "message", "Hold on", "showPosition", true);
	}

	private String upload() {
		HttpApi.Answer answer = api.send("POST", "/api/v1/assets", Multipart.file("logo.png", "image/png",
				TestImages.png(4, 4)), Multipart.CONTENT_TYPE);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		return answer.json().at("/id").asString();
	}

	/** The rows of a history table that show a change (not the "Show older changes" row). */
	private static List<String> rows(String table) {
		return Pattern.compile("<tr\\b").splitAsStream(table).skip(1).filter(row -> !row.contains("more-row")).toList();
	}

	/** The rows of the history table, without the filters above it (whose suggestions name fields too). */
	private static String table(String page) {
		return page.substring(page.indexOf("<tbody>"), page.indexOf("</tbody>"));
	}

	private String poc() {
		return api.post("/api/v1/points-of-contact", Map.of("name", "Desk " + System.nanoTime(), "skill", "desk"))
			.json().at("/id").asString();
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request.with(signedIn)).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}
}

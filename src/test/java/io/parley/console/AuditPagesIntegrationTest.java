package io.parley.console;

import static io.parley.console.ChatProfilePagesIntegrationTest.fields;
import static io.parley.console.ChatProfilePagesIntegrationTest.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import io.parley.HttpApi;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;

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
			.containsPattern("(?s)appearance.headerTitle</code>.*?Chat with us.*?Ask us anything");
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

		String byField = table(page(get("/console/chat-profiles/" + profile + "/audit")
			.param("field", "appearance.primaryColor").param("action", "UPDATED").param("actor", admin)));
		assertThat(byField).contains("#AA0000").doesNotContain("Ask us anything");
	}

	@Test
	void loadsOlderRowsByCursorAsARowFragment() throws Exception {
		for (int i = 0; i < AuditPages.PAGE_SIZE + 3; i++) {
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

package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

import io.parley.GoldenJson;
import io.parley.IntegrationTest;
import io.parley.accounts.TestTenants;

/** The editor's live preview answers exactly as the build before the settings schema did (golden files). */
@IntegrationTest
class ChatProfilePreviewGoldenIntegrationTest {

	@Autowired
	WebApplicationContext context;

	@Autowired
	UserDetailsService users;

	@Autowired
	TestTenants tenants;

	@Test
	void previewsAnswerAsBefore() throws Exception {
		MockMvc mvc = ConsoleMvc.of(context);
		String admin = tenants.tenantWithAdmin("golden-preview-password");
		assertPreview(mvc, admin, 200, "widget/preview-v1.json", ChatProfilePagesIntegrationTest.fields(
				"interfaceVersion", "V1", "appearance.primaryColor", "#102030", "appearance.fontSize", "SMALL",
				"appearance.headerTitle", "Unsaved", "appearance.welcomeMessage", "Hello",
				"appearance.buttonLabel", "Chat", "appearance.buttonPosition", "BOTTOM_LEFT",
				"preChatForm.enabled", "true", "preChatForm.fields[0].key", "dropped",
				"preChatForm.fields[0].label", "Dropped", "waitingQueue.enabled", "true"));
		assertPreview(mvc, admin, 200, "widget/preview-v2.json", ChatProfilePagesIntegrationTest.fields(
				"interfaceVersion", "V2", "appearance.headerTitle", "Not saved yet",
				"preChatForm.enabled", "true", "preChatForm.welcomeMessage", "Hi",
				"preChatForm.fields[0].key", "email", "preChatForm.fields[0].label", "Email",
				"preChatForm.fields[0].type", "EMAIL", "preChatForm.fields[0].required", "true",
				"preChatForm.fields[0].maxLength", "120",
				"preChatForm.fields[1].key", "topic", "preChatForm.fields[1].label", "Topic",
				"preChatForm.fields[1].type", "SELECT", "preChatForm.fields[1].options", "Orders\nReturns",
				"waitingQueue.enabled", "true", "waitingQueue.message", "Wait", "waitingQueue.showPosition", "true",
				"logoAssetId", ""));
		assertPreview(mvc, admin, 400, "widget/preview-invalid.json", ChatProfilePagesIntegrationTest.fields(
				"interfaceVersion", "V2", "appearance.primaryColor", "#12", "appearance.buttonLabel", "",
				"preChatForm.enabled", "true", "preChatForm.fields[0].key", "1x",
				"preChatForm.fields[0].label", "", "preChatForm.fields[0].maxLength", "many"));
	}

	private void assertPreview(MockMvc mvc, String admin, int status, String golden, Map<String, String> fields)
			throws Exception {
		MvcResult result = mvc.perform(post("/console/chat-profiles/preview").with(ConsoleMvc.as(users, admin))
			.with(csrf())
			.params(ChatProfilePagesIntegrationTest.form(fields))).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
		GoldenJson.assertMatches(golden, result.getResponse().getContentAsString());
	}
}

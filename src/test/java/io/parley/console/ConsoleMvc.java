package io.parley.console;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * MockMvc over the running application's context (so console tests share the one app and database of the
 * integration tests) with the real security filter chain, signed in as a real user of a tenant.
 */
final class ConsoleMvc {

	private ConsoleMvc() {
	}

	static MockMvc of(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	/** Signed in as {@code username}, loaded as the login would load them (so controllers get their Actor). */
	static RequestPostProcessor as(UserDetailsService users, String username) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(username));
	}

	/** The id in a redirect to {@code prefix + id}. */
	static UUID idIn(String location, String prefix) {
		Matcher m = Pattern.compile(Pattern.quote(prefix) + "([0-9a-f-]{36})").matcher(location);
		if (!m.find()) {
			throw new AssertionError("No id after " + prefix + " in " + location);
		}
		return UUID.fromString(m.group(1));
	}

	/** Whether a page runs no inline script: every script element has a src, and no element has an on* handler. */
	static boolean hasNoInlineScript(String html) {
		Matcher scripts = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE).matcher(html);
		while (scripts.find()) {
			String attributes = scripts.group(1);
			if (!attributes.contains("src=") && !attributes.contains("type=\"application/json\"")) {
				return false;
			}
		}
		// Attribute values are text (a name may well read "onerror="); only attribute names count.
		Matcher tags = Pattern.compile("<[a-zA-Z][^>]*>").matcher(html);
		while (tags.find()) {
			String names = tags.group().replaceAll("\"[^\"]*\"|'[^']*'", "\"\"");
			if (Pattern.compile("\\s(on[a-z]+|style|hx-on[:a-z-]*)\\s*=", Pattern.CASE_INSENSITIVE).matcher(names).find()) {
				return false;
			}
		}
		return true;
	}
}

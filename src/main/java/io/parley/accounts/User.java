package io.parley.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.parley.shared.Violations;

/** A person who logs in to a tenant, with roles, chat skills and a chat capacity. */
public record User(UUID id, UUID tenantId, String username, String displayName, Set<Role> roles, List<String> skills,
		int maxConcurrentChats, boolean enabled, int version, Instant createdAt, Instant updatedAt) {

	static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$");
	static final Pattern SKILL = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,39}$");

	/** Checks what a user may be given; the password only when it is being set. */
	static void validate(Violations v, String username, String displayName, String password, boolean passwordRequired,
			Set<Role> roles, List<String> skills, Integer maxConcurrentChats) {
		v.matches("username", username, USERNAME,
				"must be 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
		v.text("displayName", displayName, 1, 100);
		if (password != null || passwordRequired) {
			if (v.text("password", password, 8, 200) && password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
				v.add("password", "must be at most 72 bytes in UTF-8");
			}
		}
		if (roles == null || roles.isEmpty()) {
			v.add("roles", "must name at least one of ADMIN, AGENT");
		}
		else if (roles.contains(null)) {
			v.add("roles", "must not contain null");
		}
		if (skills != null) {
			v.maxSize("skills", skills, 50);
			for (int i = 0; i < skills.size(); i++) {
				v.matches("skills[" + i + "]", skills.get(i), SKILL,
						"must be 1 to 40 lower-case letters, digits, '_' or '-', starting with a letter or digit");
			}
		}
		if (maxConcurrentChats != null && (maxConcurrentChats < 1 || maxConcurrentChats > 50)) {
			v.add("maxConcurrentChats", "must be between 1 and 50");
		}
	}
}

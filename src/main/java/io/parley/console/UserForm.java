package io.parley.console;

import java.util.EnumSet;
import java.util.Set;

import io.parley.shared.Violations;
import io.parley.accounts.Role;
import io.parley.accounts.User;
import io.parley.accounts.UserManagement.UserData;

/** The user form as the browser sends it: roles as two checkboxes, skills typed "sales, support". */
class UserForm {

	private int version;
	private String username = "";
	private String displayName = "";
	private String password = "";
	private boolean admin;
	private boolean agent = true;
	private String skills = "";
	private String maxConcurrentChats = "2";
	private boolean enabled = true;

	static UserForm of(User user) {
		UserForm form = new UserForm();
		form.version = user.version();
		form.username = user.username();
		form.displayName = user.displayName();
		form.admin = user.roles().contains(Role.ADMIN);
		form.agent = user.roles().contains(Role.AGENT);
		form.skills = String.join(", ", user.skills());
		form.maxConcurrentChats = String.valueOf(user.maxConcurrentChats());
		form.enabled = user.enabled();
		return form;
	}

	/** What to ask the accounts module for; an empty password keeps the current one when editing. */
	UserData data() {
		Violations violations = new Violations();
		Integer max = FormValues.integer(violations, "maxConcurrentChats", maxConcurrentChats);
		violations.throwIfAny();
		Set<Role> roles = EnumSet.noneOf(Role.class);
		if (admin) {
			roles.add(Role.ADMIN);
		}
		if (agent) {
			roles.add(Role.AGENT);
		}
		return new UserData(username, displayName, FormValues.optional(password), roles, FormValues.words(skills), max,
				enabled);
	}

	public int getVersion() {
		return version;
	}

	public void setVersion(int version) {
		this.version = version;
	}

	public String getUsername() {
		return username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getDisplayName() {
		return displayName;
	}

	public void setDisplayName(String displayName) {
		this.displayName = displayName;
	}

	public String getPassword() {
		return password;
	}

	public void setPassword(String password) {
		this.password = password == null ? "" : password;
	}

	public boolean isAdmin() {
		return admin;
	}

	public void setAdmin(boolean admin) {
		this.admin = admin;
	}

	public boolean isAgent() {
		return agent;
	}

	public void setAgent(boolean agent) {
		this.agent = agent;
	}

	public String getSkills() {
		return skills;
	}

	public void setSkills(String skills) {
		this.skills = skills == null ? "" : skills;
	}

	public String getMaxConcurrentChats() {
		return maxConcurrentChats;
	}

	public void setMaxConcurrentChats(String maxConcurrentChats) {
		this.maxConcurrentChats = maxConcurrentChats;
	}

	public boolean isEnabled() {
		return enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}
}

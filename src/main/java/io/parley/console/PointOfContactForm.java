package io.parley.console;

import java.util.UUID;

import io.parley.shared.Violations;
import io.parley.contactpoints.Origin;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactDraft;

/** The point of contact form as the browser sends it; allowed origins are typed one per line. */
class PointOfContactForm {

	private int version;
	private String name = "";
	private String description = "";
	private String skill = "";
	private boolean active = true;
	private String allowedOrigins = "";
	private String chatProfileId = "";

	static PointOfContactForm of(PointOfContact poc) {
		PointOfContactForm form = new PointOfContactForm();
		form.version = poc.version();
		form.name = poc.name();
		form.description = poc.description() == null ? "" : poc.description();
		form.skill = poc.skill();
		form.active = poc.active();
		form.allowedOrigins = String.join("\n", poc.allowedOrigins().stream().map(Origin::value).toList());
		form.chatProfileId = poc.chatProfileId() == null ? "" : poc.chatProfileId().toString();
		return form;
	}

	PointOfContactDraft draft() {
		Violations violations = new Violations();
		UUID profile = FormValues.uuid(violations, "chatProfileId", chatProfileId);
		violations.throwIfAny();
		return new PointOfContactDraft(name, FormValues.optional(description), skill, active,
				FormValues.lines(allowedOrigins), profile);
	}

	public int getVersion() {
		return version;
	}

	public void setVersion(int version) {
		this.version = version;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description == null ? "" : description;
	}

	public String getSkill() {
		return skill;
	}

	public void setSkill(String skill) {
		this.skill = skill;
	}

	public boolean isActive() {
		return active;
	}

	public void setActive(boolean active) {
		this.active = active;
	}

	public String getAllowedOrigins() {
		return allowedOrigins;
	}

	public void setAllowedOrigins(String allowedOrigins) {
		this.allowedOrigins = allowedOrigins == null ? "" : allowedOrigins;
	}

	public String getChatProfileId() {
		return chatProfileId;
	}

	public void setChatProfileId(String chatProfileId) {
		this.chatProfileId = chatProfileId == null ? "" : chatProfileId;
	}
}

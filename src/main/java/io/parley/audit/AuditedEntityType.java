package io.parley.audit;

/** The kinds of entity the audit history records. */
public enum AuditedEntityType {
	CHAT_PROFILE, POINT_OF_CONTACT
}

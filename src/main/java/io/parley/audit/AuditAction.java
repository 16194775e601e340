package io.parley.audit;

/** What happened to an audited entity. */
public enum AuditAction {
	CREATED, UPDATED, DELETED, ASSIGNED, UNASSIGNED
}

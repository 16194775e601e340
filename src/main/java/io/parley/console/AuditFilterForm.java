package io.parley.console;

import java.util.UUID;

import io.parley.audit.AuditFilters;
import io.parley.audit.AuditedEntityType;

/**
 * The filters of an audit history page as the browser sends them, dates as whole days; the audit module reads them
 * (checks, defaults) as it reads the API's.
 */
record AuditFilterForm(String q, String from, String to, String actor, String field, String action, String type) {

	AuditFilterForm {
		q = q == null ? "" : q;
		from = from == null ? "" : from;
		to = to == null ? "" : to;
		actor = actor == null ? "" : actor;
		field = field == null ? "" : field;
		action = action == null ? "" : action;
		type = type == null ? "" : type;
	}

	/** The audit module's filters of the tenant-wide page, whose Entity type filter is {@code type}. */
	AuditFilters filters() {
		return new AuditFilters(q, actor, field, action, from, to, null, type, null);
	}

	/** The audit module's filters of one entity's history. */
	AuditFilters filters(AuditedEntityType entityType, UUID entityId) {
		return filters().about(entityType, entityId);
	}
}

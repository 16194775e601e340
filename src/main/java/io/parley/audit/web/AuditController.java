package io.parley.audit.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

import io.parley.shared.ListPage;
import io.parley.accounts.Actor;
import io.parley.audit.AuditCsv;
import io.parley.audit.AuditEvent;
import io.parley.audit.AuditFilters;
import io.parley.audit.AuditLog;
import io.parley.audit.AuditQuery;
import io.parley.audit.AuditSummary;
import io.parley.audit.AuditedEntityType;
import io.parley.audit.ChainVerification;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The audit history of the caller's tenant: one entity's changes, the tenant-wide list, each as JSON pages or, with
 * {@code Accept: text/csv}, as one streamed CSV of every match; entity summaries; and chain verification.
 */
@RestController
class AuditController {

	private static final String CSV = "text/csv";

	static final String LIST = "Newest first, filtered by q (case-insensitive text in a field change: its path, its label"
			+ " as the console shows it such as 'Pre-chat form › Field 3 › Options', its old or new value, or the actor's"
			+ " names; an event is listed whole when at least one of its changes holds the text), actor (user name),"
			+ " field (a dotted path or a whole section: waitingQueue selects waitingQueue.message, preChatForm.fields"
			+ " selects preChatForm.fields[2].options), action, from and to (ISO instants, or dates meaning whole days in"
			+ " UTC; default the 30 days before to, which defaults to now);"
			+ " keyset paging with limit and cursor. With Accept: text/csv the answer is every match as CSV (no paging), one"
			+ " line per changed field: occurredAt,actor,action,entityType,entityName,field,oldValue,newValue. A value"
			+ " that starts with =, +, -, @, a tab or a carriage return is written with a leading apostrophe so that"
			+ " spreadsheets show it as text instead of running it as a formula (CSV injection).";

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@Operation(summary = "A chat profile's audit history", description = LIST)
	@GetMapping("/api/v1/chat-profiles/{id}/audit")
	ListPage<AuditEvent> profile(Actor actor, @PathVariable UUID id, AuditFilters filters,
			@RequestParam(required = false) String cursor) {
		return audit.page(actor, filters.about(AuditedEntityType.CHAT_PROFILE, id), cursor);
	}

	@GetMapping(path = "/api/v1/chat-profiles/{id}/audit", produces = CSV)
	void profileCsv(Actor actor, @PathVariable UUID id, AuditFilters filters,
			@RequestParam(required = false) String cursor, HttpServletResponse response) throws IOException {
		csv(actor, filters.about(AuditedEntityType.CHAT_PROFILE, id), cursor, "chat-profile-" + id, response);
	}

	@Operation(summary = "A point of contact's audit history", description = LIST)
	@GetMapping("/api/v1/points-of-contact/{id}/audit")
	ListPage<AuditEvent> pointOfContact(Actor actor, @PathVariable UUID id, AuditFilters filters,
			@RequestParam(required = false) String cursor) {
		return audit.page(actor, filters.about(AuditedEntityType.POINT_OF_CONTACT, id), cursor);
	}

	@GetMapping(path = "/api/v1/points-of-contact/{id}/audit", produces = CSV)
	void pointOfContactCsv(Actor actor, @PathVariable UUID id, AuditFilters filters,
			@RequestParam(required = false) String cursor, HttpServletResponse response) throws IOException {
		csv(actor, filters.about(AuditedEntityType.POINT_OF_CONTACT, id), cursor, "point-of-contact-" + id, response);
	}

	@Operation(summary = "The tenant's audit history", description = LIST
			+ " entityType and entityId narrow it to one kind of entity or one entity.")
	@GetMapping("/api/v1/audit")
	ListPage<AuditEvent> tenant(Actor actor, AuditFilters filters, @RequestParam(required = false) String cursor) {
		return audit.page(actor, filters, cursor);
	}

	@GetMapping(path = "/api/v1/audit", produces = CSV)
	void tenantCsv(Actor actor, AuditFilters filters, @RequestParam(required = false) String cursor,
			HttpServletResponse response) throws IOException {
		csv(actor, filters, cursor, "audit", response);
	}

	@Operation(summary = "Who created a chat profile and when, and who changed it last and when (nulls when unknown)")
	@GetMapping("/api/v1/chat-profiles/{id}/audit/summary")
	AuditSummary profileSummary(Actor actor, @PathVariable UUID id) {
		return audit.summary(actor.tenantId(), AuditedEntityType.CHAT_PROFILE, id);
	}

	@Operation(summary = "Who created a point of contact and when, and who changed it last and when")
	@GetMapping("/api/v1/points-of-contact/{id}/audit/summary")
	AuditSummary pointOfContactSummary(Actor actor, @PathVariable UUID id) {
		return audit.summary(actor.tenantId(), AuditedEntityType.POINT_OF_CONTACT, id);
	}

	@Operation(summary = "Walks the tenant's hash chain", description = "Recomputes every row's SHA-256 over its"
			+ " content and the previous row's hash: {valid, checked} or, when a row was changed, removed or inserted,"
			+ " also firstBrokenRow {id, occurredAt, seq, reason}.")
	@GetMapping("/api/v1/audit/verify")
	ChainVerification verify(Actor actor) {
		return audit.verify(actor.tenantId());
	}

	/** Streams every match; the query is checked before the first byte, so bad input still gets a problem. */
	private void csv(Actor actor, AuditFilters filters, String cursor, String name, HttpServletResponse response)
			throws IOException {
		AuditQuery query = audit.query(actor, filters);
		// An export has no pages, but a malformed limit or cursor is still a mistake worth telling.
		filters.pageSize();
		AuditLog.checkCursor(cursor);
		String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(Instant.now().atOffset(ZoneOffset.UTC));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(name + "-" + stamp + ".csv").build().toString());
		try (AuditCsv csv = new AuditCsv(new BufferedWriter(
				new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 64 * 1024))) {
			audit.export(query, csv::write);
		}
	}
}

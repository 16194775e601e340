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
import org.springframework.web.bind.annotation.RestController;

import io.parley.ListPage;
import io.parley.accounts.Actor;
import io.parley.audit.AuditEvent;
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

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/v1/chat-profiles/{id}/audit")
	ListPage<AuditEvent> profile(Actor actor, @PathVariable UUID id, AuditFilters filters) {
		return page(filters.forEntity(actor.tenantId(), AuditedEntityType.CHAT_PROFILE, id, Instant.now()), filters);
	}

	@GetMapping(path = "/api/v1/chat-profiles/{id}/audit", produces = CSV)
	void profileCsv(Actor actor, @PathVariable UUID id, AuditFilters filters, HttpServletResponse response)
			throws IOException {
		csv(filters.forEntity(actor.tenantId(), AuditedEntityType.CHAT_PROFILE, id, Instant.now()),
				filters, "chat-profile-" + id, response);
	}

	@GetMapping("/api/v1/points-of-contact/{id}/audit")
	ListPage<AuditEvent> pointOfContact(Actor actor, @PathVariable UUID id, AuditFilters filters) {
		return page(filters.forEntity(actor.tenantId(), AuditedEntityType.POINT_OF_CONTACT, id, Instant.now()),
				filters);
	}

	@GetMapping(path = "/api/v1/points-of-contact/{id}/audit", produces = CSV)
	void pointOfContactCsv(Actor actor, @PathVariable UUID id, AuditFilters filters, HttpServletResponse response)
			throws IOException {
		csv(filters.forEntity(actor.tenantId(), AuditedEntityType.POINT_OF_CONTACT, id, Instant.now()),
				filters, "point-of-contact-" + id, response);
	}

	@GetMapping("/api/v1/audit")
	ListPage<AuditEvent> tenant(Actor actor, AuditFilters filters) {
		return page(filters.forTenant(actor.tenantId(), Instant.now()), filters);
	}

	@GetMapping(path = "/api/v1/audit", produces = CSV)
	void tenantCsv(Actor actor, AuditFilters filters, HttpServletResponse response) throws IOException {
		csv(filters.forTenant(actor.tenantId(), Instant.now()), filters, "audit", response);
	}

	@GetMapping("/api/v1/chat-profiles/{id}/audit/summary")
	AuditSummary profileSummary(Actor actor, @PathVariable UUID id) {
		return audit.summary(actor.tenantId(), AuditedEntityType.CHAT_PROFILE, id);
	}

	@GetMapping("/api/v1/points-of-contact/{id}/audit/summary")
	AuditSummary pointOfContactSummary(Actor actor, @PathVariable UUID id) {
		return audit.summary(actor.tenantId(), AuditedEntityType.POINT_OF_CONTACT, id);
	}

	@GetMapping("/api/v1/audit/verify")
	ChainVerification verify(Actor actor) {
		return audit.verify(actor.tenantId());
	}

	private ListPage<AuditEvent> page(AuditQuery query, AuditFilters filters) {
		return audit.search(query, filters.cursor(), filters.pageSize());
	}

	/** Streams every match; the query is checked before the first byte, so bad input still gets a problem. */
	private void csv(AuditQuery query, AuditFilters filters, String name, HttpServletResponse response)
			throws IOException {
		// An export has no pages, but a malformed limit or cursor is still a mistake worth telling.
		filters.pageSize();
		AuditLog.checkCursor(filters.cursor());
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

package io.parley.console;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import io.parley.shared.ListPage;
import io.parley.accounts.Actor;
import io.parley.audit.AuditAction;
import io.parley.audit.AuditCsv;
import io.parley.audit.AuditEvent;
import io.parley.audit.AuditFields;
import io.parley.audit.AuditFilters;
import io.parley.audit.AuditLog;
import io.parley.audit.AuditQuery;
import io.parley.audit.AuditedEntityType;
import io.parley.audit.FieldChange;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactCatalog;
import io.parley.contactpoints.PointOfContactManagement;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileCatalog;
import io.parley.profiles.ChatProfileManagement;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The audit history: the tab of each chat profile and point of contact (who created and last changed it, and every
 * change, newest first) and the tenant-wide page, all with the same search, date range, user, field and action
 * filters, more rows by cursor, and a CSV of what the filters select. The queries are the audit module's, the same
 * the API runs.
 */
@Controller
class AuditPages {

	private final AuditLog audit;
	private final AuditFields fields;
	private final ChatProfileManagement profiles;
	private final PointOfContactManagement pointsOfContact;
	private final ChatProfileCatalog catalog;
	private final PointOfContactCatalog pocCatalog;
	private final Clock clock;

	AuditPages(AuditLog audit, AuditFields fields, ChatProfileManagement profiles, ChatProfileCatalog catalog,
			PointOfContactManagement pointsOfContact, PointOfContactCatalog pocCatalog) {
		this.audit = audit;
		this.fields = fields;
		this.profiles = profiles;
		this.catalog = catalog;
		this.pointsOfContact = pointsOfContact;
		this.pocCatalog = pocCatalog;
		this.clock = Clock.systemUTC();
	}

	/**
	 * One line of the table: one changed field of one audit event, with the field's label (the path when it has
	 * none) and whether its values are image ids.
	 */
	record Line(AuditEvent event, FieldChange change, boolean first, String label, boolean image) {

		/** Whether the label says more than the path, which then goes in its title and to screen readers. */
		public boolean labelled() {
			return !label.equals(change.field());
		}

		/** The value as an asset id when this is an image field and the value is one, else null (shown as text). */
		public UUID imageId(String value) {
			if (!image || value == null) {
				return null;
			}
			try {
				return UUID.fromString(value);
			}
			catch (IllegalArgumentException e) {
				return null;
			}
		}
	}

	/** The entity a history is about, as the page needs it. */
	record Subject(AuditedEntityType type, UUID id, String name, String base) {
	}

	@GetMapping("/console/chat-profiles/{id}/audit")
	String profile(Actor actor, @PathVariable UUID id, AuditFilterForm filters,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String fragment, Model model) {
		ChatProfile profile = profiles.get(actor, id);
		model.addAttribute("profile", profile);
		model.addAttribute("fieldChoices", choices(profile.fields().keySet(), "pointOfContactId", filters.field()));
		return history(actor, new Subject(AuditedEntityType.CHAT_PROFILE, id, profile.name(),
				"/console/chat-profiles/" + id + "/audit"), filters, cursor, fragment, model);
	}

	@GetMapping("/console/points-of-contact/{id}/audit")
	String pointOfContact(Actor actor, @PathVariable UUID id, AuditFilterForm filters,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String fragment, Model model) {
		PointOfContact poc = pointsOfContact.get(actor, id);
		model.addAttribute("poc", poc);
		model.addAttribute("fieldChoices", choices(poc.fields().keySet(), "chatProfileId", filters.field()));
		return history(actor, new Subject(AuditedEntityType.POINT_OF_CONTACT, id, poc.name(),
				"/console/points-of-contact/" + id + "/audit"), filters, cursor, fragment, model);
	}

	@GetMapping("/console/audit")
	String tenant(Actor actor, AuditFilterForm filters, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String fragment, Model model) {
		model.addAttribute("types", AuditedEntityType.values());
		model.addAttribute("fieldChoices", choices(null, null, filters.field()));
		return history(actor, null, filters, cursor, fragment, model);
	}

	@GetMapping("/console/chat-profiles/{id}/audit.csv")
	void profileCsv(Actor actor, @PathVariable UUID id, AuditFilterForm filters, HttpServletResponse response)
			throws IOException {
		profiles.get(actor, id);
		csv(audit.query(actor, filters.filters(AuditedEntityType.CHAT_PROFILE, id)), "chat-profile-audit", response);
	}

	@GetMapping("/console/points-of-contact/{id}/audit.csv")
	void pointOfContactCsv(Actor actor, @PathVariable UUID id, AuditFilterForm filters, HttpServletResponse response)
			throws IOException {
		pointsOfContact.get(actor, id);
		csv(audit.query(actor, filters.filters(AuditedEntityType.POINT_OF_CONTACT, id)), "point-of-contact-audit",
				response);
	}

	@GetMapping("/console/audit.csv")
	void tenantCsv(Actor actor, AuditFilterForm filters, HttpServletResponse response) throws IOException {
		csv(audit.query(actor, filters.filters()), "audit", response);
	}

	private String history(Actor actor, Subject subject, AuditFilterForm filters, String cursor, String fragment,
			Model model) {
		String base = subject == null ? "/console/audit" : subject.base();
		model.addAttribute("subject", subject);
		model.addAttribute("filters", filters);
		model.addAttribute("actions", AuditAction.values());
		model.addAttribute("base", base);
		model.addAttribute("csv", withFilters(base + ".csv", filters));
		if (subject != null) {
			model.addAttribute("summary", audit.summary(actor.tenantId(), subject.type(), subject.id()));
		}
		ConsoleAdvice.onRefusal(model, refusal -> {
			// The filters as typed, each fault next to its field, and no rows.
			model.addAttribute("from", filters.from());
			model.addAttribute("to", filters.to());
			model.addAttribute("errors", refusal.errors());
			model.addAttribute("lines", List.of());
			model.addAttribute("nextCursor", null);
			return "console/audit";
		});
		AuditFilters chosen = subject == null ? filters.filters() : filters.filters(subject.type(), subject.id());
		AuditQuery query = audit.query(actor, chosen);
		ListPage<AuditEvent> page = audit.page(actor, chosen, cursor);
		// The dates the query covers, the defaults included, as whole days.
		model.addAttribute("from", LocalDate.ofInstant(query.from(), ZoneOffset.UTC).toString());
		model.addAttribute("to", LocalDate.ofInstant(query.to(), ZoneOffset.UTC).toString());
		model.addAttribute("names", names(actor, page.items()));
		model.addAttribute("errors", FieldErrors.none());
		model.addAttribute("lines", lines(page.items(), query));
		model.addAttribute("nextCursor", page.nextCursor());
		model.addAttribute("more", page.nextCursor() == null ? null
				: UriComponentsBuilder.fromUriString(withFilters(base, filters)).queryParam("cursor", page.nextCursor())
					.build().encode().toUriString());
		return "rows".equals(fragment) ? "console/audit :: rows" : "console/audit";
	}

	/**
	 * The current names of the profiles and points of contact that assignment rows name by id, so that a reader
	 * sees "Web shop" beside the id; one that no longer exists has none.
	 */
	private Map<String, String> names(Actor actor, List<AuditEvent> events) {
		Map<String, String> names = new HashMap<>();
		for (AuditEvent event : events) {
			for (FieldChange change : event.changes()) {
				boolean profile = change.field().equals("chatProfileId");
				if (profile || change.field().equals("pointOfContactId")) {
					for (String value : new String[] { change.oldValue(), change.newValue() }) {
						if (value != null && !names.containsKey(value)) {
							names.put(value, nameOf(actor, profile, value));
						}
					}
				}
			}
		}
		return names;
	}

	private String nameOf(Actor actor, boolean profile, String id) {
		UUID uuid;
		try {
			uuid = UUID.fromString(id);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
		Optional<String> name = profile ? catalog.find(actor.tenantId(), uuid).map(ChatProfile::name)
				: pocCatalog.find(uuid).filter(poc -> poc.tenantId().equals(actor.tenantId())).map(PointOfContact::name);
		return name.orElse(null);
	}

	/**
	 * What the Field filter offers: the labelled fields and sections of the entity's kind (those whose first part is
	 * one of {@code own}'s or the assignment's; all of them tenant-wide), and the current filter when it is none of
	 * them, so that it stays chosen.
	 */
	private List<AuditFields.Choice> choices(Set<String> own, String assignment, String current) {
		Set<String> tops = new HashSet<>();
		if (own != null) {
			own.forEach(path -> tops.add(top(path)));
			tops.add(assignment);
		}
		List<AuditFields.Choice> choices = new ArrayList<>(fields.choices()
			.stream()
			.filter(choice -> own == null || tops.contains(top(choice.path())))
			.toList());
		if (!current.isBlank() && choices.stream().noneMatch(choice -> choice.path().equals(current))) {
			choices.add(0, new AuditFields.Choice(current, fields.label(current), false));
		}
		return choices;
	}

	/** A path's first part: {@code preChatForm} of {@code preChatForm.fields[2].options}. */
	private static String top(String path) {
		int end = 0;
		while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
			end++;
		}
		return path.substring(0, end);
	}

	/** One line per change the query selects, each labelled; an event none of whose changes it selects has none. */
	private List<Line> lines(List<AuditEvent> events, AuditQuery query) {
		List<Line> lines = new ArrayList<>();
		for (AuditEvent event : events) {
			List<FieldChange> changes = audit.matchingChanges(query, event);
			for (int i = 0; i < changes.size(); i++) {
				String path = changes.get(i).field();
				lines.add(new Line(event, changes.get(i), i == 0, fields.label(path), fields.isImage(path)));
			}
		}
		return lines;
	}

	/** {@code path} with the filters that are set, for links that keep them (CSV, more rows). */
	static String withFilters(String path, AuditFilterForm filters) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
		Map.of("q", filters.q(), "from", filters.from(), "to", filters.to(), "actor", filters.actor(), "field",
				filters.field(), "action", filters.action(), "type", filters.type())
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.filter(e -> !e.getValue().isBlank())
			.forEach(e -> uri.queryParam(e.getKey(), e.getValue()));
		return uri.build().encode().toUriString();
	}

	/**
	 * Streams every row the filters select, one line per change the tab would show, in the API's columns and with the
	 * values as recorded (paths, not labels; image ids, not images). Values a spreadsheet would take for a formula get
	 * a leading apostrophe, as the API's export does (CSV injection).
	 */
	private void csv(AuditQuery query, String name, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename(name + "-" + today() + ".csv")
			.build()
			.toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
		try (AuditCsv printer = new AuditCsv(out)) {
			audit.export(query, event -> {
				List<FieldChange> changes = audit.matchingChanges(query, event);
				if (!changes.isEmpty()) {
					printer.write(event, changes);
				}
			});
		}
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(ZoneOffset.UTC));
	}
}

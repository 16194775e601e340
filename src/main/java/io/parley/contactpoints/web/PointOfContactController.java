package io.parley.contactpoints.web;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.parley.shared.ListPage;
import io.parley.shared.Versions;
import io.parley.accounts.Actor;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactManagement;
import io.parley.contactpoints.web.PointOfContactJson.ChatProfileChoice;
import io.parley.contactpoints.web.PointOfContactJson.PointOfContactRequest;
import io.parley.contactpoints.web.PointOfContactJson.PointOfContactResponse;

/** The points of contact of the caller's tenant and their chat profile: read by admins and agents, written by admins. */
@RestController
@RequestMapping("/api/v1/points-of-contact")
class PointOfContactController {

	private final PointOfContactManagement pointsOfContact;

	PointOfContactController(PointOfContactManagement pointsOfContact) {
		this.pointsOfContact = pointsOfContact;
	}

	@GetMapping
	ListPage<PointOfContactResponse> list(Actor actor, @RequestParam(required = false) String q,
			@RequestParam(required = false) UUID chatProfileId, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return pointsOfContact.page(actor, q, chatProfileId, cursor, ListPage.limit(limit)).map(PointOfContactResponse::of);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PointOfContactResponse> create(Actor actor, @RequestBody PointOfContactRequest request) {
		PointOfContact created = pointsOfContact.create(actor, request.draft());
		return ResponseEntity.created(URI.create("/api/v1/points-of-contact/" + created.id()))
			.eTag(Versions.etag(created.version()))
			.body(PointOfContactResponse.of(created));
	}

	@GetMapping("/{id}")
	ResponseEntity<PointOfContactResponse> get(Actor actor, @PathVariable UUID id) {
		return ok(pointsOfContact.get(actor, id));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PointOfContactResponse> update(Actor actor, @PathVariable UUID id,
			@RequestBody PointOfContactRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return ok(pointsOfContact.update(actor, id, Versions.ifMatch(ifMatch), request.draft()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Actor actor, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		pointsOfContact.delete(actor, id, Versions.ifMatch(ifMatch));
		return ResponseEntity.noContent().build();
	}

	@PutMapping(path = "/{id}/chat-profile", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PointOfContactResponse> assign(Actor actor, @PathVariable UUID id,
			@RequestBody ChatProfileChoice choice,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return ok(pointsOfContact.assignChatProfile(actor, id, Versions.ifMatch(ifMatch), choice.chatProfileId()));
	}

	@DeleteMapping("/{id}/chat-profile")
	ResponseEntity<Void> unassign(Actor actor, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		pointsOfContact.unassignChatProfile(actor, id, Versions.ifMatch(ifMatch));
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<PointOfContactResponse> ok(PointOfContact p) {
		return ResponseEntity.ok().eTag(Versions.etag(p.version())).body(PointOfContactResponse.of(p));
	}
}

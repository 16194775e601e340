package io.parley.profiles.web;

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
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileDraft;
import io.parley.profiles.ChatProfileManagement;

/**
 * The chat profiles of the caller's tenant: read by admins and agents, written by admins. The JSON is the profile
 * module's records as they are: a {@link ChatProfileDraft} read, a {@link ChatProfile} written.
 */
@RestController
@RequestMapping("/api/v1/chat-profiles")
class ChatProfileController {

	/** The body of {@code POST /{id}/copy}. */
	record CopyRequest(String name) {
	}

	private final ChatProfileManagement profiles;

	ChatProfileController(ChatProfileManagement profiles) {
		this.profiles = profiles;
	}

	@GetMapping
	ListPage<ChatProfile> list(Actor actor, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return profiles.page(actor, q, cursor, ListPage.limit(limit));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ChatProfile> create(Actor actor, @RequestBody ChatProfileDraft draft) {
		ChatProfile profile = profiles.create(actor, draft);
		return created(profile);
	}

	@GetMapping("/{id}")
	ResponseEntity<ChatProfile> get(Actor actor, @PathVariable UUID id) {
		return ok(profiles.get(actor, id));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ChatProfile> update(Actor actor, @PathVariable UUID id, @RequestBody ChatProfileDraft draft,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return ok(profiles.update(actor, id, Versions.ifMatch(ifMatch), draft));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Actor actor, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		profiles.delete(actor, id, Versions.ifMatch(ifMatch));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/{id}/copy", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ChatProfile> copy(Actor actor, @PathVariable UUID id, @RequestBody CopyRequest request) {
		return created(profiles.copy(actor, id, request.name()));
	}

	private static ResponseEntity<ChatProfile> created(ChatProfile profile) {
		return ResponseEntity.created(URI.create("/api/v1/chat-profiles/" + profile.id()))
			.eTag(Versions.etag(profile.version()))
			.body(profile);
	}

	private static ResponseEntity<ChatProfile> ok(ChatProfile profile) {
		return ResponseEntity.ok().eTag(Versions.etag(profile.version())).body(profile);
	}
}

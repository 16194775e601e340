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

import io.parley.ListPage;
import io.parley.Versions;
import io.parley.Violations;
import io.parley.accounts.Actor;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileManagement;
import io.parley.profiles.web.ChatProfileJson.CopyRequest;
import io.parley.profiles.web.ChatProfileJson.ProfileRequest;
import io.parley.profiles.web.ChatProfileJson.ProfileResponse;

/** The chat profiles of the caller's tenant: read by admins and agents, written by admins. */
@RestController
@RequestMapping("/api/v1/chat-profiles")
class ChatProfileController {

	private static final int QUERY_MAX = 200;

	private final ChatProfileManagement profiles;

	ChatProfileController(ChatProfileManagement profiles) {
		this.profiles = profiles;
	}

	@GetMapping
	ListPage<ProfileResponse> list(Actor actor, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		int size = ListPage.limit(limit);
		Violations violations = new Violations();
		violations.optionalText("q", q, QUERY_MAX);
		violations.throwIfAny();
		return profiles.page(actor, q, cursor, size).map(ProfileResponse::of);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ProfileResponse> create(Actor actor, @RequestBody ProfileRequest request) {
		ChatProfile profile = profiles.create(actor, request.draft());
		return created(profile);
	}

	@GetMapping("/{id}")
	ResponseEntity<ProfileResponse> get(Actor actor, @PathVariable UUID id) {
		return ok(profiles.get(actor, id));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ProfileResponse> update(Actor actor, @PathVariable UUID id, @RequestBody ProfileRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return ok(profiles.update(actor, id, Versions.ifMatch(ifMatch), request.draft()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Actor actor, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		profiles.delete(actor, id, Versions.ifMatch(ifMatch));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/{id}/copy", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ProfileResponse> copy(Actor actor, @PathVariable UUID id, @RequestBody CopyRequest request) {
		return created(profiles.copy(actor, id, request.name()));
	}

	private static ResponseEntity<ProfileResponse> created(ChatProfile profile) {
		return ResponseEntity.created(URI.create("/api/v1/chat-profiles/" + profile.id()))
			.eTag(Versions.etag(profile.version()))
			.body(ProfileResponse.of(profile));
	}

	private static ResponseEntity<ProfileResponse> ok(ChatProfile profile) {
		return ResponseEntity.ok().eTag(Versions.etag(profile.version())).body(ProfileResponse.of(profile));
	}
}

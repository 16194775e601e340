package io.parley.accounts.web;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.parley.shared.ListPage;
import io.parley.shared.NotFoundException;
import io.parley.accounts.Actor;
import io.parley.accounts.ApiTokens;
import io.parley.accounts.ApiTokens.ApiToken;

/** The caller's own API tokens: create (the secret is shown once), list, revoke. */
@RestController
@RequestMapping("/api/v1/api-tokens")
class ApiTokenController {

	private final ApiTokens tokens;

	ApiTokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	record TokenRequest(String name) {
	}

	record CreatedToken(UUID id, String name, String token, Instant createdAt) {
	}

	@PostMapping
	ResponseEntity<CreatedToken> create(Actor actor, @RequestBody(required = false) TokenRequest request) {
		String name = request == null || request.name() == null ? "API token" : request.name();
		ApiTokens.NewToken created = tokens.create(actor, name);
		return ResponseEntity.created(URI.create("/api/v1/api-tokens/" + created.token().id()))
			.body(new CreatedToken(created.token().id(), name, created.secret(), created.token().createdAt()));
	}

	@GetMapping
	ListPage<ApiToken> list(Actor actor) {
		return new ListPage<>(tokens.ofUser(actor), null);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Map<String, Object>> revoke(Actor actor, @PathVariable UUID id) {
		if (!tokens.revoke(actor, id)) {
			throw new NotFoundException("No API token " + id);
		}
		return ResponseEntity.noContent().build();
	}
}

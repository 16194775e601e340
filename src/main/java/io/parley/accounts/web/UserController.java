package io.parley.accounts.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
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
import io.parley.accounts.Role;
import io.parley.accounts.User;
import io.parley.accounts.UserManagement;
import io.parley.accounts.UserManagement.UserData;

/** The users of the caller's tenant (ADMIN). */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

	private final UserManagement users;

	UserController(UserManagement users) {
		this.users = users;
	}

	record UserRequest(String username, String displayName, String password, Set<Role> roles, List<String> skills,
			Integer maxConcurrentChats, Boolean enabled) {

		UserData data() {
			return new UserData(username, displayName, password, roles, skills, maxConcurrentChats, enabled);
		}
	}

	record UserResponse(UUID id, String username, String displayName, Set<Role> roles, List<String> skills,
			int maxConcurrentChats, boolean enabled, int version, Instant createdAt, Instant updatedAt) {

		static UserResponse of(User user) {
			return new UserResponse(user.id(), user.username(), user.displayName(), user.roles(), user.skills(),
					user.maxConcurrentChats(), user.enabled(), user.version(), user.createdAt(), user.updatedAt());
		}
	}

	@GetMapping
	ListPage<UserResponse> list(Actor actor, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		int size = ListPage.limit(limit);
		return users.page(actor, q, cursor, size).map(UserResponse::of);
	}

	@PostMapping
	ResponseEntity<UserResponse> create(Actor actor, @RequestBody UserRequest request) {
		User user = users.create(actor, request.data());
		return ResponseEntity.created(URI.create("/api/v1/users/" + user.id()))
			.eTag(Versions.etag(user.version()))
			.body(UserResponse.of(user));
	}

	@GetMapping("/{id}")
	ResponseEntity<UserResponse> get(Actor actor, @PathVariable UUID id) {
		User user = users.get(actor, id);
		return ResponseEntity.ok().eTag(Versions.etag(user.version())).body(UserResponse.of(user));
	}

	@PutMapping("/{id}")
	ResponseEntity<UserResponse> update(Actor actor, @PathVariable UUID id, @RequestBody UserRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		User user = users.update(actor, id, Versions.ifMatch(ifMatch), request.data());
		return ResponseEntity.ok().eTag(Versions.etag(user.version())).body(UserResponse.of(user));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(Actor actor, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		users.delete(actor, id, Versions.ifMatch(ifMatch));
		return ResponseEntity.noContent().build();
	}
}

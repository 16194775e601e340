package io.parley.accounts;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.Authentication;

/**
 * The authenticated user behind a request, as other modules see it: the tenant every query is scoped to and the
 * names copied onto audit rows. Controllers receive it as a method parameter.
 */
public record Actor(UUID tenantId, UUID userId, String username, String displayName, Set<Role> roles) {

	public Actor {
		roles = Set.copyOf(roles);
	}

	public boolean isAdmin() {
		return roles.contains(Role.ADMIN);
	}

	/**
	 * The actor behind an authenticated principal, for code that gets the principal itself rather than a controller
	 * parameter (a WebSocket handshake); empty when it is not a Parley user.
	 */
	public static Optional<Actor> of(Principal principal) {
		if (principal instanceof Authentication authentication && authentication.isAuthenticated()
				&& authentication.getPrincipal() instanceof ParleyUserDetails user) {
			return Optional.of(user.actor());
		}
		return Optional.empty();
	}
}

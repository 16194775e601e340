package io.parley.accounts;

import java.util.Set;
import java.util.UUID;

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
}

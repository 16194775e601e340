package io.parley.accounts;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A user as Spring Security sees it, carrying the {@link Actor}. */
class ParleyUserDetails implements UserDetails, CredentialsContainer {

	private final Actor actor;
	private final boolean enabled;
	private String passwordHash;

	ParleyUserDetails(Actor actor, String passwordHash, boolean enabled) {
		this.actor = actor;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
	}

	Actor actor() {
		return actor;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		List<GrantedAuthority> authorities = actor.roles().stream()
			.<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
			.toList();
		return authorities;
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return actor.username();
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}
}

package io.parley.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes tenants and users for tests. The API has no tenant endpoint (a tenant's first admin comes with the
 * deployment), so tests create them the way the first start does.
 */
@Component
public class TestTenants {

	private final Tenants tenants;
	private final Users users;
	private final PasswordEncoder passwords;

	TestTenants(Tenants tenants, Users users, PasswordEncoder passwords) {
		this.tenants = tenants;
		this.users = users;
		this.passwords = passwords;
	}

	/** A new tenant with one admin whose user name is returned; the password is {@code password}. */
	public String tenantWithAdmin(String password) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID tenant = tenants.create("tenant-" + suffix);
		String username = "admin-" + suffix;
		Instant now = Instant.now();
		users.insert(new User(UUID.randomUUID(), tenant, username, "Admin " + suffix, Set.of(Role.ADMIN), List.of(), 2,
				true, 1, now, now), passwords.encode(password));
		return username;
	}
}

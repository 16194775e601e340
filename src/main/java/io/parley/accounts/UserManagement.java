package io.parley.accounts;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.parley.shared.ConflictException;
import io.parley.shared.ListPage;
import io.parley.shared.NotFoundException;
import io.parley.shared.StaleVersionException;
import io.parley.shared.Violations;

/** Creating, changing and removing the users of a tenant; the API and the console both call it. */
@Service
public class UserManagement {

	/** The name of the user list in its cursors. */
	private static final String LIST = "users";

	private final Users users;
	private final PasswordEncoder passwords;
	private final ApplicationEventPublisher events;

	UserManagement(Users users, PasswordEncoder passwords, ApplicationEventPublisher events) {
		this.users = users;
		this.passwords = passwords;
		this.events = events;
	}

	/** What an admin sends to create or change a user; a null password on change keeps the old one. */
	public record UserData(String username, String displayName, String password, Set<Role> roles, List<String> skills,
			Integer maxConcurrentChats, Boolean enabled) {
	}

	@Transactional
	public User create(Actor admin, UserData data) {
		Violations v = new Violations();
		User.validate(v, data.username(), data.displayName(), data.password(), true, data.roles(), data.skills(),
				data.maxConcurrentChats());
		v.throwIfAny();
		if (users.usernameTaken(data.username(), null)) {
			throw new ConflictException("The user name '" + data.username() + "' is taken.");
		}
		Instant now = Instant.now();
		User user = new User(UUID.randomUUID(), admin.tenantId(), data.username(), data.displayName(),
				EnumSet.copyOf(data.roles()), skills(data.skills()),
				data.maxConcurrentChats() == null ? 2 : data.maxConcurrentChats(),
				data.enabled() == null || data.enabled(), 1, now, now);
		users.insert(user, passwords.encode(data.password()));
		return user;
	}

	@Transactional(readOnly = true)
	public User get(Actor caller, UUID id) {
		return users.find(caller.tenantId(), id).orElseThrow(() -> new NotFoundException("No user " + id));
	}

	@Transactional(readOnly = true)
	public List<User> list(Actor caller, String q, String afterUsername, int limit) {
		return users.page(caller.tenantId(), q, afterUsername, limit);
	}

	/** A page of {@link #list}, after the user a {@code cursor} of this list names (null: the first page). */
	@Transactional(readOnly = true)
	public ListPage<User> page(Actor caller, String q, String cursor, int limit) {
		ListPage.checkSearch(q);
		List<String> after = ListPage.position(LIST, 1, cursor);
		return ListPage.of(LIST, list(caller, q, after == null ? null : after.get(0), limit + 1), limit,
				user -> List.of(user.username()));
	}

	@Transactional
	public User update(Actor admin, UUID id, Integer ifMatch, UserData data) {
		User current = get(admin, id);
		if (ifMatch != null && ifMatch != current.version()) {
			throw new StaleVersionException("User " + id + " is at version " + current.version() + ", not " + ifMatch + ".");
		}
		Violations v = new Violations();
		User.validate(v, data.username(), data.displayName(), data.password(), false, data.roles(), data.skills(),
				data.maxConcurrentChats());
		v.throwIfAny();
		if (users.usernameTaken(data.username(), id)) {
			throw new ConflictException("The user name '" + data.username() + "' is taken.");
		}
		boolean enabled = data.enabled() == null ? current.enabled() : data.enabled();
		boolean staysAdmin = enabled && data.roles().contains(Role.ADMIN);
		if (current.roles().contains(Role.ADMIN) && current.enabled() && !staysAdmin
				&& users.countEnabledAdmins(admin.tenantId()) <= 1) {
			throw new ConflictException("The last enabled admin of a tenant cannot lose the ADMIN role or be disabled.");
		}
		User changed = new User(id, current.tenantId(), data.username(), data.displayName(), EnumSet.copyOf(data.roles()),
				skills(data.skills()),
				data.maxConcurrentChats() == null ? current.maxConcurrentChats() : data.maxConcurrentChats(), enabled,
				current.version() + 1, current.createdAt(), Instant.now());
		if (!users.update(changed, current.version())) {
			throw new StaleVersionException("User " + id + " was changed by someone else; reload it and try again.");
		}
		if (data.password() != null) {
			users.updatePassword(admin.tenantId(), id, passwords.encode(data.password()));
		}
		events.publishEvent(new UserAccessChanged(admin.tenantId(), id));
		return changed;
	}

	@Transactional
	public void delete(Actor admin, UUID id, Integer ifMatch) {
		User current = get(admin, id);
		if (ifMatch != null && ifMatch != current.version()) {
			throw new StaleVersionException("User " + id + " is at version " + current.version() + ", not " + ifMatch + ".");
		}
		if (id.equals(admin.userId())) {
			throw new ConflictException("You cannot delete yourself.");
		}
		if (current.roles().contains(Role.ADMIN) && current.enabled() && users.countEnabledAdmins(admin.tenantId()) <= 1) {
			throw new ConflictException("The last enabled admin of a tenant cannot be deleted.");
		}
		users.delete(admin.tenantId(), id);
		events.publishEvent(new UserAccessChanged(admin.tenantId(), id));
	}

	private static List<String> skills(List<String> skills) {
		return skills == null ? List.of() : skills.stream().distinct().toList();
	}
}

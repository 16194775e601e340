package io.parley.profiles;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.parley.shared.ConflictException;
import io.parley.shared.InvalidInputException;
import io.parley.shared.ListPage;
import io.parley.shared.NotFoundException;
import io.parley.shared.StaleVersionException;
import io.parley.accounts.Actor;
import io.parley.assets.Assets;

/**
 * Creating, changing, copying and deleting the chat profiles of a tenant. Every change publishes its event inside
 * the writing transaction, so the audit history records it or nothing happens.
 */
@Service
public class ChatProfileManagement {

	/** The name of the profile list in its cursors. */
	private static final String LIST = "chat-profiles";

	private final ChatProfiles profiles;
	private final Assets assets;
	private final ApplicationEventPublisher events;

	ChatProfileManagement(ChatProfiles profiles, Assets assets, ApplicationEventPublisher events) {
		this.profiles = profiles;
		this.assets = assets;
		this.events = events;
	}

	@Transactional
	public ChatProfile create(Actor actor, ChatProfileDraft draft) {
		ChatProfile profile = ChatProfile.create(UUID.randomUUID(), actor, draft, assetsOf(actor), now());
		requireFreeName(profile);
		profiles.insert(profile);
		events.publishEvent(new ChatProfileCreated(profile.tenantId(), profile.id(), profile.name(), profile.fields(),
				actor));
		return profile;
	}

	/**
	 * The profile {@code draft} would make, checked as a new one is (images must be the tenant's) but saved nowhere
	 * and announced to nobody: the console's live preview and its comparison with a saved profile.
	 */
	@Transactional(readOnly = true)
	public ChatProfile preview(Actor actor, ChatProfileDraft draft) {
		return ChatProfile.create(UUID.randomUUID(), actor, draft, assetsOf(actor), now());
	}

	/**
	 * The settings in which the profile {@code draft} would make differs from {@code saved}, for someone whose save
	 * came too late; none when the draft is no valid profile, which has nothing to compare.
	 */
	@Transactional(readOnly = true)
	public List<ChatProfile.Difference> differences(Actor actor, ChatProfile saved, ChatProfileDraft draft) {
		try {
			return saved.differences(preview(actor, draft));
		}
		catch (InvalidInputException e) {
			return List.of();
		}
	}

	@Transactional(readOnly = true)
	public ChatProfile get(Actor actor, UUID id) {
		return profiles.find(actor.tenantId(), id).orElseThrow(() -> new NotFoundException("No chat profile " + id));
	}

	/** Up to {@code limit} profiles whose name contains {@code q} (ignoring case), by name, after {@code afterName}. */
	@Transactional(readOnly = true)
	public List<ChatProfile> list(Actor actor, String q, String afterName, int limit) {
		return profiles.page(actor.tenantId(), q, afterName, limit);
	}

	/**
	 * A page of {@link #list}, after the profile a {@code cursor} of this list names (null: the first page); a search
	 * text no list reads ({@link ListPage#checkSearch}) is refused.
	 */
	@Transactional(readOnly = true)
	public ListPage<ChatProfile> page(Actor actor, String q, String cursor, int limit) {
		ListPage.checkSearch(q);
		List<String> after = ListPage.position(LIST, 1, cursor);
		return ListPage.of(LIST, list(actor, q, after == null ? null : after.get(0), limit + 1), limit,
				profile -> List.of(profile.name()));
	}

	/**
	 * Replaces the profile's settings with {@code draft}. A draft that changes nothing leaves the profile as it is:
	 * no new version and no event.
	 */
	@Transactional
	public ChatProfile update(Actor actor, UUID id, Integer ifMatch, ChatProfileDraft draft) {
		ChatProfile current = get(actor, id);
		requireVersion(current, ifMatch);
		ChatProfile changed = current.update(draft, assetsOf(actor), actor, now());
		if (changed.hasSameSettingsAs(current)) {
			return current;
		}
		requireFreeName(changed);
		if (!profiles.update(changed, current.version())) {
			throw new StaleVersionException("Chat profile " + id + " was changed by someone else; reload it and try again.");
		}
		events.publishEvent(new ChatProfileUpdated(changed.tenantId(), id, changed.name(), current.fields(),
				changed.fields(), actor));
		return changed;
	}

	/** A new profile with the settings of {@code id} under {@code name}. */
	@Transactional
	public ChatProfile copy(Actor actor, UUID id, String name) {
		ChatProfile copy = get(actor, id).copy(UUID.randomUUID(), name, actor, now());
		requireFreeName(copy);
		profiles.insert(copy);
		events.publishEvent(new ChatProfileCreated(copy.tenantId(), copy.id(), copy.name(), copy.fields(), actor));
		return copy;
	}

	/** Deletes the profile unless something still uses it (a listener of {@link ChatProfileDeleting} refuses). */
	@Transactional
	public void delete(Actor actor, UUID id, Integer ifMatch) {
		ChatProfile current = get(actor, id);
		requireVersion(current, ifMatch);
		events.publishEvent(new ChatProfileDeleting(current.tenantId(), id, current.name(), actor));
		if (!profiles.delete(current.tenantId(), id, current.version())) {
			throw new StaleVersionException("Chat profile " + id + " was changed by someone else; reload it and try again.");
		}
		events.publishEvent(new ChatProfileDeleted(current.tenantId(), id, current.name(), current.fields(), actor));
	}

	private Predicate<UUID> assetsOf(Actor actor) {
		return assetId -> assets.existsInTenant(actor.tenantId(), assetId);
	}

	private void requireFreeName(ChatProfile profile) {
		if (profiles.nameTaken(profile.tenantId(), profile.name(), profile.id())) {
			throw new ConflictException("A chat profile named '" + profile.name() + "' already exists (names are"
					+ " compared ignoring case).");
		}
	}

	private static void requireVersion(ChatProfile current, Integer ifMatch) {
		if (ifMatch != null && ifMatch != current.version()) {
			throw new StaleVersionException("Chat profile " + current.id() + " is at version " + current.version()
					+ ", not " + ifMatch + ".");
		}
	}

	/** Microseconds, the precision PostgreSQL keeps, so that what a write answers equals what a read answers. */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}
}

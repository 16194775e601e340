package io.parley.contactpoints;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.parley.shared.ListPage;
import io.parley.shared.NotFoundException;
import io.parley.shared.StaleVersionException;
import io.parley.shared.Violations;
import io.parley.accounts.Actor;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileCatalog;

/**
 * Creating, changing and deleting the points of contact of a tenant, and assigning chat profiles to them from
 * either side. Every change publishes its events inside the writing transaction: a point of contact's own fields
 * as {@link PointOfContactUpdated}, its profile as {@link ChatProfileAssigned} or {@link ChatProfileUnassigned}.
 */
@Service
public class PointOfContactManagement {

	/** The name of the point of contact list in its cursors. */
	private static final String LIST = "points-of-contact";

	/** The most ids one request may assign to a profile. */
	private static final int ASSIGN_MAX = 1000;

	private final PointsOfContact pointsOfContact;
	private final ChatProfileCatalog profiles;
	private final ApplicationEventPublisher events;

	PointOfContactManagement(PointsOfContact pointsOfContact, ChatProfileCatalog profiles,
			ApplicationEventPublisher events) {
		this.pointsOfContact = pointsOfContact;
		this.profiles = profiles;
		this.events = events;
	}

	/** Creates a point of contact; one created with a profile publishes its creation, then its assignment. */
	@Transactional
	public PointOfContact create(Actor actor, PointOfContactDraft draft) {
		PointOfContact created = PointOfContact.create(UUID.randomUUID(), actor, draft, profilesOf(actor), now());
		pointsOfContact.insert(created);
		events.publishEvent(new PointOfContactCreated(created.tenantId(), created.id(), created.name(),
				created.fields(), actor));
		publishAssignment(actor, null, created);
		return created;
	}

	@Transactional(readOnly = true)
	public PointOfContact get(Actor actor, UUID id) {
		return pointsOfContact.find(actor.tenantId(), id)
			.orElseThrow(() -> new NotFoundException("No point of contact " + id));
	}

	/**
	 * Up to {@code limit} points of contact whose name contains {@code q} (ignoring case; at most
	 * {@link ListPage#SEARCH_MAX} characters), only those with chat profile {@code profileId} when it is given, by
	 * name then id, after the point of contact a {@code cursor} of this list names (null: the first page). The one
	 * reading of the list and its cursors: the API and the console page with it.
	 */
	@Transactional(readOnly = true)
	public ListPage<PointOfContact> page(Actor actor, String q, UUID profileId, String cursor, int limit) {
		ListPage.checkSearch(q);
		List<String> after = ListPage.position(LIST, 2, cursor);
		UUID afterId = null;
		if (after != null) {
			try {
				afterId = UUID.fromString(after.get(0));
			}
			catch (IllegalArgumentException e) {
				throw ListPage.notACursor();
			}
		}
		return ListPage.of(LIST, pointsOfContact.page(actor.tenantId(), q, profileId,
				after == null ? null : after.get(1), afterId, limit + 1),
				limit, poc -> List.of(poc.id().toString(), poc.name()));
	}

	/**
	 * Replaces everything about the point of contact with {@code draft}, its chat profile included. Only what
	 * changed is published: its own fields, its profile, both, or (for no change) nothing and no new version.
	 */
	@Transactional
	public PointOfContact update(Actor actor, UUID id, Integer ifMatch, PointOfContactDraft draft) {
		PointOfContact current = get(actor, id);
		requireVersion(current, ifMatch);
		PointOfContact changed = current.update(draft, profilesOf(actor), actor, now());
		boolean fieldsChanged = !changed.hasSameFieldsAs(current);
		boolean profileChanged = !Objects.equals(current.chatProfileId(), changed.chatProfileId());
		if (!fieldsChanged && !profileChanged) {
			return current;
		}
		save(current, changed);
		if (fieldsChanged) {
			events.publishEvent(new PointOfContactUpdated(changed.tenantId(), id, changed.name(), current.fields(),
					changed.fields(), actor));
		}
		publishAssignment(actor, current, changed);
		return changed;
	}

	/** Deletes the point of contact; one with a profile publishes the unassignment first. */
	@Transactional
	public void delete(Actor actor, UUID id, Integer ifMatch) {
		PointOfContact current = get(actor, id);
		requireVersion(current, ifMatch);
		if (!pointsOfContact.delete(current.tenantId(), id, current.version())) {
			throw stale(id);
		}
		publishAssignment(actor, current, null);
		events.publishEvent(new PointOfContactDeleted(current.tenantId(), id, current.name(), current.fields(), actor));
	}

	/** Gives the point of contact chat profile {@code profileId}, moving it from the one it had. */
	@Transactional
	public PointOfContact assignChatProfile(Actor actor, UUID id, Integer ifMatch, UUID profileId) {
		PointOfContact current = get(actor, id);
		requireVersion(current, ifMatch);
		Violations violations = new Violations();
		if (violations.required("chatProfileId", profileId) && profiles.find(actor.tenantId(), profileId).isEmpty()) {
			violations.add("chatProfileId", "is not a chat profile of this tenant");
		}
		violations.throwIfAny();
		return change(actor, current, profileId);
	}

	/** Takes the chat profile away: the point of contact shows the built-in default look. */
	@Transactional
	public PointOfContact unassignChatProfile(Actor actor, UUID id, Integer ifMatch) {
		PointOfContact current = get(actor, id);
		requireVersion(current, ifMatch);
		return change(actor, current, null);
	}

	/** The points of contact that show chat profile {@code profileId}, by name; 404 for an unknown profile. */
	@Transactional(readOnly = true)
	public List<PointOfContact> assignedTo(Actor actor, UUID profileId) {
		requireProfile(actor, profileId);
		return pointsOfContact.assignedTo(actor.tenantId(), profileId);
	}

	/**
	 * Makes {@code ids} exactly the points of contact with chat profile {@code profileId}: the others that had it
	 * lose it, listed ones with another profile are moved. An id that is not one of the tenant's points of contact
	 * changes nothing and is answered with 400 naming {@code pointOfContactIds[i]}.
	 */
	@Transactional
	public List<PointOfContact> replaceAssignments(Actor actor, UUID profileId, List<UUID> ids) {
		requireProfile(actor, profileId);
		Set<UUID> wanted = checkIds(actor, ids);
		Set<UUID> seen = new HashSet<>();
		for (PointOfContact p : pointsOfContact.lockForAssignment(actor.tenantId(), profileId, wanted, false)) {
			if (seen.add(p.id())) {
				change(actor, p, wanted.contains(p.id()) ? profileId : null);
			}
		}
		return pointsOfContact.assignedTo(actor.tenantId(), profileId);
	}

	/** Gives chat profile {@code profileId} to every active point of contact of the tenant, moving those with another. */
	@Transactional
	public List<PointOfContact> assignToAllActive(Actor actor, UUID profileId) {
		requireProfile(actor, profileId);
		for (PointOfContact p : pointsOfContact.lockForAssignment(actor.tenantId(), profileId, Set.of(), true)) {
			if (p.active()) {
				change(actor, p, profileId);
			}
		}
		return pointsOfContact.assignedTo(actor.tenantId(), profileId);
	}

	/** Takes chat profile {@code profileId} away from every point of contact that has it. */
	@Transactional
	public List<PointOfContact> unassignAll(Actor actor, UUID profileId) {
		requireProfile(actor, profileId);
		for (PointOfContact p : pointsOfContact.lockForAssignment(actor.tenantId(), profileId, Set.of(), false)) {
			change(actor, p, null);
		}
		return pointsOfContact.assignedTo(actor.tenantId(), profileId);
	}

	private Set<UUID> checkIds(Actor actor, List<UUID> ids) {
		Violations violations = new Violations();
		violations.required("pointOfContactIds", ids);
		violations.maxSize("pointOfContactIds", ids, ASSIGN_MAX);
		violations.throwIfAny();
		Set<UUID> wanted = new LinkedHashSet<>();
		for (int i = 0; i < ids.size(); i++) {
			if (violations.required("pointOfContactIds[" + i + "]", ids.get(i))) {
				wanted.add(ids.get(i));
			}
		}
		Set<UUID> existing = new HashSet<>(pointsOfContact.existing(actor.tenantId(), wanted));
		for (int i = 0; i < ids.size(); i++) {
			if (ids.get(i) != null && !existing.contains(ids.get(i))) {
				violations.add("pointOfContactIds[" + i + "]", "is not a point of contact of this tenant");
			}
		}
		violations.throwIfAny();
		return wanted;
	}

	private PointOfContact change(Actor actor, PointOfContact current, UUID profileId) {
		PointOfContact changed = current.withChatProfile(profileId, actor, now());
		if (changed == current) {
			return current;
		}
		save(current, changed);
		publishAssignment(actor, current, changed);
		return changed;
	}

	private void save(PointOfContact current, PointOfContact changed) {
		if (!pointsOfContact.update(changed, current.version())) {
			throw stale(current.id());
		}
	}

	/** The assignment event for a point of contact going from {@code before} to {@code after} (null: none). */
	private void publishAssignment(Actor actor, PointOfContact before, PointOfContact after) {
		UUID from = before == null ? null : before.chatProfileId();
		UUID to = after == null ? null : after.chatProfileId();
		if (Objects.equals(from, to)) {
			return;
		}
		PointOfContact poc = after == null ? before : after;
		if (to == null) {
			events.publishEvent(new ChatProfileUnassigned(poc.tenantId(), poc.id(), poc.name(), from,
					profileName(actor, from), actor));
		}
		else {
			events.publishEvent(new ChatProfileAssigned(poc.tenantId(), poc.id(), poc.name(), to,
					profileName(actor, to), from, from == null ? null : profileName(actor, from), actor));
		}
	}

	private String profileName(Actor actor, UUID profileId) {
		return profiles.find(actor.tenantId(), profileId).map(ChatProfile::name).orElse(null);
	}

	private void requireProfile(Actor actor, UUID profileId) {
		if (profiles.find(actor.tenantId(), profileId).isEmpty()) {
			throw new NotFoundException("No chat profile " + profileId);
		}
	}

	private Predicate<UUID> profilesOf(Actor actor) {
		return profileId -> profiles.find(actor.tenantId(), profileId).isPresent();
	}

	private static void requireVersion(PointOfContact current, Integer ifMatch) {
		if (ifMatch != null && ifMatch != current.version()) {
			throw new StaleVersionException("Point of contact " + current.id() + " is at version " + current.version()
					+ ", not " + ifMatch + ".");
		}
	}

	private static StaleVersionException stale(UUID id) {
		return new StaleVersionException("Point of contact " + id + " was changed by someone else; reload it and try again.");
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}
}

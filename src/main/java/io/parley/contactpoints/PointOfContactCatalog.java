package io.parley.contactpoints;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * How other modules read points of contact: the public widget by id alone, profile pages by assignment. Each read
 * is one query, so it opens no transaction of its own; inside a caller's transaction it takes part in that one.
 */
@Service
public class PointOfContactCatalog {

	private final PointsOfContact pointsOfContact;

	PointOfContactCatalog(PointsOfContact pointsOfContact) {
		this.pointsOfContact = pointsOfContact;
	}

	/**
	 * The point of contact {@code id} in whichever tenant it is: the public widget knows only this id. Callers decide
	 * what an inactive one means (the widget answers 404).
	 */
	public Optional<PointOfContact> find(UUID id) {
		return pointsOfContact.findInAnyTenant(id);
	}

	/** How many points of contact of {@code tenantId} each of {@code profileIds} serves; none: absent. */
	public Map<UUID, Integer> countByProfile(UUID tenantId, Collection<UUID> profileIds) {
		return pointsOfContact.countByProfile(tenantId, profileIds);
	}

	/** The points of contact of {@code tenantId} that show chat profile {@code profileId}, by name. */
	public List<PointOfContact> assignedTo(UUID tenantId, UUID profileId) {
		return pointsOfContact.assignedTo(tenantId, profileId);
	}
}

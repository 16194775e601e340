package io.parley.contactpoints;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How other modules read points of contact: the public widget by id alone, profile pages by assignment. */
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
	@Transactional(readOnly = true)
	public Optional<PointOfContact> find(UUID id) {
		return pointsOfContact.findInAnyTenant(id);
	}

	/** The points of contact of {@code tenantId} that show chat profile {@code profileId}, by name. */
	@Transactional(readOnly = true)
	public List<PointOfContact> assignedTo(UUID tenantId, UUID profileId) {
		return pointsOfContact.assignedTo(tenantId, profileId);
	}
}

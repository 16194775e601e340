package io.parley.contactpoints;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.parley.shared.ConflictException;
import io.parley.profiles.ChatProfileDeleting;

/**
 * Keeps a chat profile that points of contact still show. It listens synchronously, inside the deleting
 * transaction, because profiles know nothing of points of contact and must not.
 */
@Component
class ChatProfileDeletionGuard {

	private static final int NAMED_MAX = 20;

	private final PointsOfContact pointsOfContact;

	ChatProfileDeletionGuard(PointsOfContact pointsOfContact) {
		this.pointsOfContact = pointsOfContact;
	}

	@EventListener
	void refuseWhileAssigned(ChatProfileDeleting deleting) {
		List<PointOfContact> assigned = pointsOfContact.assignedTo(deleting.tenantId(), deleting.profileId());
		if (assigned.isEmpty()) {
			return;
		}
		String named = assigned.stream()
			.limit(NAMED_MAX)
			.map(p -> "'" + p.name() + "' (" + p.id() + ")")
			.collect(Collectors.joining(", "));
		String more = assigned.size() > NAMED_MAX ? " and " + (assigned.size() - NAMED_MAX) + " more" : "";
		throw new ConflictException("The chat profile '" + deleting.name() + "' is still assigned to "
				+ (assigned.size() == 1 ? "the point of contact " : assigned.size() + " points of contact: ") + named
				+ more + ". Unassign it first.");
	}
}

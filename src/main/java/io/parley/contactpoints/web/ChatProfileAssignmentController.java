package io.parley.contactpoints.web;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.parley.accounts.Actor;
import io.parley.contactpoints.PointOfContactManagement;
import io.parley.contactpoints.web.PointOfContactJson.Items;
import io.parley.contactpoints.web.PointOfContactJson.PointOfContactIds;

/**
 * Assignment seen from a chat profile: which points of contact show it, set exactly, add all active ones, remove
 * all. It lives here, not in profiles, because assignment belongs to points of contact; every answer is the
 * resulting list.
 */
@RestController
@RequestMapping("/api/v1/chat-profiles/{profileId}/points-of-contact")
class ChatProfileAssignmentController {

	private final PointOfContactManagement pointsOfContact;

	ChatProfileAssignmentController(PointOfContactManagement pointsOfContact) {
		this.pointsOfContact = pointsOfContact;
	}

	@GetMapping
	Items list(Actor actor, @PathVariable UUID profileId) {
		return Items.of(pointsOfContact.assignedTo(actor, profileId));
	}

	@PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Items replace(Actor actor, @PathVariable UUID profileId, @RequestBody PointOfContactIds request) {
		return Items.of(pointsOfContact.replaceAssignments(actor, profileId, request.pointOfContactIds()));
	}

	@PostMapping("/add-all-active")
	Items addAllActive(Actor actor, @PathVariable UUID profileId) {
		return Items.of(pointsOfContact.assignToAllActive(actor, profileId));
	}

	@DeleteMapping
	Items removeAll(Actor actor, @PathVariable UUID profileId) {
		return Items.of(pointsOfContact.unassignAll(actor, profileId));
	}
}

package io.parley.contactpoints.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.parley.contactpoints.Origin;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactDraft;

/** The JSON of a point of contact as API.md shows it, and of the assignment requests. */
final class PointOfContactJson {

	private PointOfContactJson() {
	}

	/** A point of contact as sent; the read-only fields of one that was read are ignored, so it can be sent back. */
	@JsonIgnoreProperties({ "id", "version", "createdAt", "createdBy", "updatedAt", "updatedBy" })
	record PointOfContactRequest(
			String name,
			String description,
			String skill,
			Boolean active,
			List<String> allowedOrigins,
			UUID chatProfileId) {

		PointOfContactDraft draft() {
			return new PointOfContactDraft(name, description, skill, active, allowedOrigins, chatProfileId);
		}
	}

	record PointOfContactResponse(UUID id, String name, String description, String skill, boolean active,
			List<String> allowedOrigins, UUID chatProfileId, int version, Instant createdAt, String createdBy,
			Instant updatedAt, String updatedBy) {

		static PointOfContactResponse of(PointOfContact p) {
			return new PointOfContactResponse(p.id(), p.name(), p.description(), p.skill(), p.active(),
					p.allowedOrigins().stream().map(Origin::value).toList(), p.chatProfileId(), p.version(),
					p.createdAt(), p.createdBy(), p.updatedAt(), p.updatedBy());
		}
	}

	/** The body of {@code PUT /api/v1/points-of-contact/{id}/chat-profile}. */
	record ChatProfileChoice(UUID chatProfileId) {
	}

	/** The body of {@code PUT /api/v1/chat-profiles/{id}/points-of-contact}. */
	record PointOfContactIds(List<UUID> pointOfContactIds) {
	}

	/** The points of contact of a profile: the whole list, which is short, so no cursor. */
	record Items(List<PointOfContactResponse> items) {

		static Items of(List<PointOfContact> pointsOfContact) {
			return new Items(pointsOfContact.stream().map(PointOfContactResponse::of).toList());
		}
	}
}

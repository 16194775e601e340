package io.parley.contactpoints;

import java.util.List;
import java.util.UUID;

/**
 * What a client asks a point of contact to be, unchecked; {@link PointOfContact#create} and
 * {@link PointOfContact#update} check it. Absent {@code active} means active, absent {@code allowedOrigins} means any
 * origin, absent {@code chatProfileId} means no profile (the built-in default look).
 */
public record PointOfContactDraft(String name, String description, String skill, Boolean active,
		List<String> allowedOrigins, UUID chatProfileId) {
}

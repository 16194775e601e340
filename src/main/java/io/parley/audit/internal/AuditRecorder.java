package io.parley.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.parley.audit.AuditAction;
import io.parley.audit.AuditedEntityType;
import io.parley.audit.FieldChange;
import io.parley.audit.internal.AuditWriter.Entry;
import io.parley.contactpoints.ChatProfileAssigned;
import io.parley.contactpoints.ChatProfileUnassigned;
import io.parley.contactpoints.PointOfContactCreated;
import io.parley.contactpoints.PointOfContactDeleted;
import io.parley.contactpoints.PointOfContactUpdated;
import io.parley.profiles.ChatProfileCreated;
import io.parley.profiles.ChatProfileDeleted;
import io.parley.profiles.ChatProfileUpdated;

/**
 * Turns the domain events of profiles and points of contact into audit rows. The listeners are synchronous, so they
 * run in the publisher's transaction: a change that rolls back leaves no row, and a change that commits has its rows.
 */
@Component
class AuditRecorder {

	static final String CHAT_PROFILE_ID = "chatProfileId";
	static final String POINT_OF_CONTACT_ID = "pointOfContactId";

	private final AuditWriter writer;

	AuditRecorder(AuditWriter writer) {
		this.writer = writer;
	}

	@EventListener
	void on(ChatProfileCreated event) {
		writer.append(event.tenantId(), event.actor(), List.of(new Entry(AuditedEntityType.CHAT_PROFILE,
				event.profileId(), event.name(), AuditAction.CREATED, Diff.created(event.fields()))));
	}

	@EventListener
	void on(ChatProfileUpdated event) {
		changed(event.tenantId(), event.actor(), AuditedEntityType.CHAT_PROFILE, event.profileId(), event.name(),
				Diff.between(event.before(), event.after()));
	}

	@EventListener
	void on(ChatProfileDeleted event) {
		writer.append(event.tenantId(), event.actor(), List.of(new Entry(AuditedEntityType.CHAT_PROFILE,
				event.profileId(), event.name(), AuditAction.DELETED, Diff.deleted(event.fields()))));
	}

	@EventListener
	void on(PointOfContactCreated event) {
		writer.append(event.tenantId(), event.actor(), List.of(new Entry(AuditedEntityType.POINT_OF_CONTACT,
				event.pointOfContactId(), event.name(), AuditAction.CREATED, Diff.created(event.fields()))));
	}

	@EventListener
	void on(PointOfContactUpdated event) {
		changed(event.tenantId(), event.actor(), AuditedEntityType.POINT_OF_CONTACT, event.pointOfContactId(),
				event.name(), Diff.between(event.before(), event.after()));
	}

	@EventListener
	void on(PointOfContactDeleted event) {
		writer.append(event.tenantId(), event.actor(), List.of(new Entry(AuditedEntityType.POINT_OF_CONTACT,
				event.pointOfContactId(), event.name(), AuditAction.DELETED, Diff.deleted(event.fields()))));
	}

	/**
	 * The point of contact and its new profile each get an ASSIGNED row; a profile it was moved away from gets an
	 * UNASSIGNED row. Assigning the profile it already has changes nothing and records nothing.
	 */
	@EventListener
	void on(ChatProfileAssigned event) {
		if (Objects.equals(event.previousProfileId(), event.profileId())) {
			return;
		}
		String pocId = event.pointOfContactId().toString();
		List<Entry> entries = new ArrayList<>(3);
		entries.add(new Entry(AuditedEntityType.POINT_OF_CONTACT, event.pointOfContactId(), event.pointOfContactName(),
				AuditAction.ASSIGNED, List.of(new FieldChange(CHAT_PROFILE_ID, text(event.previousProfileId()),
						event.profileId().toString()))));
		if (event.previousProfileId() != null) {
			entries.add(new Entry(AuditedEntityType.CHAT_PROFILE, event.previousProfileId(),
					event.previousProfileName(), AuditAction.UNASSIGNED,
					List.of(new FieldChange(POINT_OF_CONTACT_ID, pocId, null))));
		}
		entries.add(new Entry(AuditedEntityType.CHAT_PROFILE, event.profileId(), event.profileName(),
				AuditAction.ASSIGNED, List.of(new FieldChange(POINT_OF_CONTACT_ID, null, pocId))));
		writer.append(event.tenantId(), event.actor(), entries);
	}

	@EventListener
	void on(ChatProfileUnassigned event) {
		writer.append(event.tenantId(), event.actor(), List.of(
				new Entry(AuditedEntityType.POINT_OF_CONTACT, event.pointOfContactId(), event.pointOfContactName(),
						AuditAction.UNASSIGNED,
						List.of(new FieldChange(CHAT_PROFILE_ID, event.profileId().toString(), null))),
				new Entry(AuditedEntityType.CHAT_PROFILE, event.profileId(), event.profileName(),
						AuditAction.UNASSIGNED,
						List.of(new FieldChange(POINT_OF_CONTACT_ID, event.pointOfContactId().toString(), null)))));
	}

	private void changed(java.util.UUID tenantId, io.parley.accounts.Actor actor, AuditedEntityType type,
			java.util.UUID id, String name, List<FieldChange> changes) {
		if (changes.isEmpty()) {
			return;
		}
		writer.append(tenantId, actor, List.of(new Entry(type, id, name, AuditAction.UPDATED, changes)));
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}
}

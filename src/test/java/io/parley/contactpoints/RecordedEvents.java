package io.parley.contactpoints;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.parley.profiles.ChatProfileCreated;
import io.parley.profiles.ChatProfileDeleted;
import io.parley.profiles.ChatProfileUpdated;

/**
 * Records the events of chat profiles and points of contact as the running application publishes them, so that
 * integration tests can check which events a request published and in which order. Listening synchronously, it
 * sees them where the audit module does: inside the writing transaction.
 */
@Component
public class RecordedEvents {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@EventListener
	void on(ChatProfileCreated event) {
		events.add(event);
	}

	@EventListener
	void on(ChatProfileUpdated event) {
		events.add(event);
	}

	@EventListener
	void on(ChatProfileDeleted event) {
		events.add(event);
	}

	@EventListener
	void on(PointOfContactCreated event) {
		events.add(event);
	}

	@EventListener
	void on(PointOfContactUpdated event) {
		events.add(event);
	}

	@EventListener
	void on(PointOfContactDeleted event) {
		events.add(event);
	}

	@EventListener
	void on(ChatProfileAssigned event) {
		events.add(event);
	}

	@EventListener
	void on(ChatProfileUnassigned event) {
		events.add(event);
	}

	/** Every recorded event about chat profile or point of contact {@code id}, oldest first. */
	public List<Object> about(String id) {
		UUID uuid = UUID.fromString(id);
		return events.stream().filter(e -> concerns(e, uuid)).toList();
	}

	/** The types of {@link #about(String)}, oldest first. */
	public List<Class<?>> typesAbout(String id) {
		return about(id).stream().<Class<?>>map(Object::getClass).toList();
	}

	private static boolean concerns(Object event, UUID id) {
		return switch (event) {
			case ChatProfileCreated e -> e.profileId().equals(id);
			case ChatProfileUpdated e -> e.profileId().equals(id);
			case ChatProfileDeleted e -> e.profileId().equals(id);
			case PointOfContactCreated e -> e.pointOfContactId().equals(id);
			case PointOfContactUpdated e -> e.pointOfContactId().equals(id);
			case PointOfContactDeleted e -> e.pointOfContactId().equals(id);
			case ChatProfileAssigned e -> e.pointOfContactId().equals(id) || e.profileId().equals(id)
					|| id.equals(e.previousProfileId());
			case ChatProfileUnassigned e -> e.pointOfContactId().equals(id) || e.profileId().equals(id);
			default -> false;
		};
	}
}

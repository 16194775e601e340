package io.parley.profiles;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * How other modules read chat profiles (the widget's configuration, assignment checks): by tenant and id. Each read
 * is one query, so it opens no transaction of its own; inside a caller's transaction it takes part in that one.
 */
@Service
public class ChatProfileCatalog {

	private final ChatProfiles profiles;

	ChatProfileCatalog(ChatProfiles profiles) {
		this.profiles = profiles;
	}

	/** The profile {@code id} of {@code tenantId}, empty when it does not exist there. */
	public Optional<ChatProfile> find(UUID tenantId, UUID id) {
		return profiles.find(tenantId, id);
	}
}

package io.parley.profiles;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How other modules read chat profiles (the widget's configuration, assignment checks): by tenant and id. */
@Service
public class ChatProfileCatalog {

	private final ChatProfiles profiles;

	ChatProfileCatalog(ChatProfiles profiles) {
		this.profiles = profiles;
	}

	/** The profile {@code id} of {@code tenantId}, empty when it does not exist there. */
	@Transactional(readOnly = true)
	public Optional<ChatProfile> find(UUID tenantId, UUID id) {
		return profiles.find(tenantId, id);
	}
}

package io.parley.accounts;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.parley.cluster.ClusterBus;

import jakarta.annotation.PreDestroy;

/**
 * Drops a changed user's remembered HTTP Basic credentials once the change is committed: on this node before the
 * change is answered, on the other nodes through the {@link ClusterBus}. A lost notification leaves another node's
 * entry until it expires ({@link VerifiedCredentials#REMEMBER_FOR}).
 */
@Component
class VerifiedCredentialsInvalidation {

	static final String CHANNEL = "accounts.user-access-changed";

	private final VerifiedCredentials verified;
	private final ClusterBus bus;
	private final ClusterBus.Subscription subscription;

	VerifiedCredentialsInvalidation(VerifiedCredentials verified, ClusterBus bus) {
		this.verified = verified;
		this.bus = bus;
		this.subscription = bus.subscribe(CHANNEL, message -> verified.forget(UUID.fromString(message)));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(UserAccessChanged changed) {
		verified.forget(changed.userId());
		bus.publish(CHANNEL, changed.userId().toString());
	}

	@PreDestroy
	void close() {
		subscription.close();
	}
}

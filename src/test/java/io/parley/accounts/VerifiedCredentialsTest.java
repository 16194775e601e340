package io.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

class VerifiedCredentialsTest {

	final VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(1), 100);

	static Authentication of(UUID userId) {
		ParleyUserDetails user = new ParleyUserDetails(new Actor(UUID.randomUUID(), userId, "ann", "Ann",
				Set.of(Role.AGENT)), null, true);
		return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
	}

	@Test
	void findsOnlyTheSameUserNameAndPassword() {
		UUID ann = UUID.randomUUID();
		verified.remember("ann", "pass:word", of(ann), verified.generation());
		assertThat(verified.find("ann", "pass:word")).isNotNull();
		assertThat(verified.find("ann", "pass:word ")).isNull();
		assertThat(verified.find("ann:pass", "word")).as("the split between name and password matters").isNull();
		assertThat(verified.find("bob", "pass:word")).isNull();
	}

	@Test
	void forgetsOneUserOnly() {
		UUID ann = UUID.randomUUID();
		UUID bob = UUID.randomUUID();
		verified.remember("ann", "a-password", of(ann), verified.generation());
		verified.remember("bob", "b-password", of(bob), verified.generation());
		verified.forget(ann);
		assertThat(verified.find("ann", "a-password")).isNull();
		assertThat(verified.find("bob", "b-password")).isNotNull();
	}

	@Test
	void aCheckThatRacedAChangeOfTheUserIsNotRemembered() {
		UUID ann = UUID.randomUUID();
		long generation = verified.generation();
		// The old password was read and checked while an admin changed it and the change was committed.
		verified.forget(ann);
		verified.remember("ann", "old-password", of(ann), generation);
		assertThat(verified.find("ann", "old-password")).isNull();
	}

	@Test
	void keepsNoMoreThanItsBound() {
		for (int i = 0; i < 1000; i++) {
			verified.remember("user-" + i, "password", of(UUID.randomUUID()), verified.generation());
		}
		assertThat(verified.size()).isLessThanOrEqualTo(100);
	}
}

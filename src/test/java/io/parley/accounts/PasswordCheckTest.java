package io.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check with Spring Security's real password checking, over a user store that the test can make fail
 * as a database that is down does.
 */
class PasswordCheckTest {

	static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();
	static final String HASH = ENCODER.encode("right-password");
	static final UUID ANN = UUID.randomUUID();

	final TestClock clock = new TestClock();
	final LoginThrottle throttle = new LoginThrottle(Duration.ofSeconds(1), Duration.ofMinutes(5), 5, clock);
	final AtomicBoolean databaseDown = new AtomicBoolean();
	final AtomicInteger lookups = new AtomicInteger();

	final UserDetailsService users = username -> {
		lookups.incrementAndGet();
		if (databaseDown.get()) {
			throw new CannotGetJdbcConnectionException("Connection to 127.0.0.1:5432 refused");
		}
		if (!username.equalsIgnoreCase("ann")) {
			throw new UsernameNotFoundException("Bad credentials");
		}
		return new ParleyUserDetails(new Actor(UUID.randomUUID(), ANN, "ann", "Ann", Set.of(Role.ADMIN)), HASH, true);
	};

	PasswordCheck check(VerifiedCredentials verified) {
		return check(verified, throttle);
	}

	PasswordCheck check(VerifiedCredentials verified, LoginThrottle throttle) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(ENCODER);
		return new PasswordCheck(new ProviderManager(provider), throttle, verified, "API");
	}

	static Authentication login(String username, String password, String address) {
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
		token.setDetails(new WebAuthenticationDetails(address, null));
		return token;
	}

	@Test
	void aDatabaseFailureDuringTheCheckIsNotAFailedLogin() {
		PasswordCheck check = check(null);
		databaseDown.set(true);
		for (int i = 0; i < 20; i++) {
			assertThatThrownBy(() -> check.authenticate(login("ann", "right-password", "203.0.113.1")))
				.isInstanceOf(InternalAuthenticationServiceException.class)
				.hasRootCauseInstanceOf(CannotGetJdbcConnectionException.class);
		}
		databaseDown.set(false);
		// Neither the user name nor the address (limit 5) has anything against it.
		assertThat(check.authenticate(login("ann", "right-password", "203.0.113.1")).isAuthenticated()).isTrue();
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> check.authenticate(login("ann", "wrong", "203.0.113.1")))
				.isInstanceOf(BadCredentialsException.class);
		}
		assertThatThrownBy(() -> check.authenticate(login("ann", "right-password", "203.0.113.1")))
			.isInstanceOf(TooManyFailedAttempts.class);
	}

	@Test
	void wrongPasswordsAndUnknownUsersCount() {
		PasswordCheck check = check(null);
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> check.authenticate(login("ann", "wrong", "203.0.113.1")))
				.isInstanceOf(BadCredentialsException.class);
		}
		assertThatThrownBy(() -> check.authenticate(login("ann", "right-password", "203.0.113.1")))
			.isInstanceOf(TooManyFailedAttempts.class);
		int before = lookups.get();
		assertThatThrownBy(() -> check.authenticate(login("ann", "right-password", "203.0.113.1")))
			.isInstanceOf(TooManyFailedAttempts.class);
		assertThat(lookups.get()).as("refused without reading the user or hashing").isEqualTo(before);
		assertThat(check.authenticate(login("ann", "right-password", "198.51.100.1")).isAuthenticated()).isTrue();

		for (String nobody : new String[] { "nobody-1", "nobody-2" }) {
			assertThatThrownBy(() -> check.authenticate(login(nobody, "guess", "198.51.100.2")))
				.isInstanceOf(BadCredentialsException.class);
		}
	}

	@Test
	void verifiedBasicCredentialsAreNotCheckedAgainUntilTheUserChanges() {
		VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(1), 100);
		PasswordCheck check = check(verified);
		Authentication first = check.authenticate(login("ann", "right-password", "203.0.113.1"));
		assertThat(first.getAuthorities()).extracting(Object::toString).contains("ROLE_ADMIN");
		int after = lookups.get();
		Authentication again = check.authenticate(login("ann", "right-password", "203.0.113.1"));
		assertThat(lookups.get()).isEqualTo(after);
		assertThat(again.getPrincipal()).isSameAs(first.getPrincipal());
		assertThat(List.copyOf(again.getAuthorities())).isEqualTo(List.copyOf(first.getAuthorities()));
		assertThat(again.getCredentials()).isNull();
		assertThat(((ParleyUserDetails) again.getPrincipal()).getPassword()).as("no hash kept").isNull();

		assertThatThrownBy(() -> check.authenticate(login("ann", "right-passwordX", "203.0.113.1")))
			.isInstanceOf(BadCredentialsException.class);

		verified.forget(ANN);
		check.authenticate(login("ann", "right-password", "203.0.113.1"));
		assertThat(lookups.get()).isGreaterThan(after + 1);
	}

	@Test
	void rightCredentialsTakenFromTheCacheForgiveEarlierFailuresToo() {
		PasswordCheck check = check(new VerifiedCredentials(Duration.ofMinutes(1), 100),
				new LoginThrottle(Duration.ofSeconds(1), Duration.ofMinutes(5), 30, clock));
		// The second round's right password comes from the cache; without forgiving, the third round would wait.
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 2; i++) {
				assertThatThrownBy(() -> check.authenticate(login("ann", "typo", "203.0.113.1")))
					.isInstanceOf(BadCredentialsException.class);
			}
			assertThat(check.authenticate(login("ann", "right-password", "203.0.113.1")).isAuthenticated()).isTrue();
		}
	}

	@Test
	void logNamesAreMadePrintable() {
		assertThat(PasswordCheck.printable("ann\r\nINFO fake line\u202e")).isEqualTo("ann??INFO fake line?");
		assertThat(PasswordCheck.printable("x".repeat(300))).hasSize(65).endsWith("…");
	}
}

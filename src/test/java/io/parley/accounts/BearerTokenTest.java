package io.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reading of {@code Authorization: Bearer <token>} that API tokens and chat tokens share. */
class BearerTokenTest {

	@Test
	void theTokenFollowsTheSchemeInAnyCaseWithoutSurroundingSpaces() {
		assertThat(BearerToken.of("Bearer pat_abc")).contains("pat_abc");
		assertThat(BearerToken.of("bearer  chat-token ")).contains("chat-token");
		assertThat(BearerToken.of("BEARER x")).contains("x");
	}

	@Test
	void noTokenWithoutTheHeaderUnderAnotherSchemeOrWhenNothingFollows() {
		assertThat(BearerToken.of(null)).isEmpty();
		assertThat(BearerToken.of("Basic YWRtaW46cGFzcw==")).isEmpty();
		assertThat(BearerToken.of("Bearerpat_abc")).isEmpty();
		assertThat(BearerToken.of("Bearer ")).isEmpty();
		assertThat(BearerToken.of("Bearer    ")).isEmpty();
	}

	@Test
	void aBearerHeaderWithoutATokenIsStillOfTheBearerScheme() {
		assertThat(BearerToken.isBearer("Bearer ")).isTrue();
		assertThat(BearerToken.isBearer("bEaReR pat_abc")).isTrue();
		assertThat(BearerToken.isBearer("Bearer")).isFalse();
		assertThat(BearerToken.isBearer("Basic x")).isFalse();
		assertThat(BearerToken.isBearer(null)).isFalse();
	}
}

package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitEstimateTest {

	@Test
	void scalesTheRecentPacePerPositionAndRoundsUp() {
		WaitEstimate estimate = new WaitEstimate(30_000.0);
		assertThat(estimate.secondsAt(1)).isEqualTo(30);
		assertThat(estimate.secondsAt(3)).isEqualTo(90);
		assertThat(new WaitEstimate(1_500.0).secondsAt(1)).isEqualTo(2);
	}

	@Test
	void isUnknownWithoutRecentWaits() {
		assertThat(new WaitEstimate(null).secondsAt(4)).isNull();
	}
}

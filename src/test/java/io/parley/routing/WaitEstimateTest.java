package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitEstimateTest {

	@Test
	void scalesTheRecentPacePerPositionAndRoundsUp() {
		WaitEstimate estimate = new WaitEstimate(30_000.0, true);
		assertThat(estimate.secondsAt(1)).isEqualTo(30);
		assertThat(estimate.secondsAt(3)).isEqualTo(90);
		assertThat(new WaitEstimate(1_500.0, true).secondsAt(1)).isEqualTo(2);
	}

	@Test
	void promisesNothingWhileNobodyIsAvailable() {
		WaitEstimate estimate = new WaitEstimate(1_500.0, false);
		assertThat(estimate.secondsAt(1)).isNull();
		assertThat(estimate.at(2)).isEqualTo(new QueuePosition(2, null, false));
		assertThat(new WaitEstimate(1_500.0, true).at(2)).isEqualTo(new QueuePosition(2, 3, true));
	}

	@Test
	void isUnknownWithoutRecentWaits() {
		assertThat(new WaitEstimate(null, true).secondsAt(4)).isNull();
	}
}

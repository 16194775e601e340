package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RoutingPropertiesTest {

	private static RoutingProperties graces(String disconnect, String abandon) {
		return new RoutingProperties(Duration.ofSeconds(5), Duration.parse(disconnect), Duration.parse(abandon));
	}

	@Test
	void refusesAnAbandonGraceShorterThanTheDisconnectGrace() {
		assertThatThrownBy(() -> graces("PT60S", "PT30S")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("PARLEY_AGENT_ABANDON_GRACE");
		assertThatThrownBy(() -> graces("PT0.5S", "PT30S")).hasMessageContaining("PARLEY_AGENT_DISCONNECT_GRACE");
		assertThat(graces("PT60S", "PT60S").agentAbandonGrace()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void renewsAndChecksWellWithinTheGrace() {
		RoutingProperties defaults = graces("PT60S", "PT120S");
		assertThat(defaults.connectionRenewInterval()).isEqualTo(Duration.ofSeconds(15));
		assertThat(defaults.presenceCheckInterval()).isEqualTo(Duration.ofSeconds(5));
		RoutingProperties brief = graces("PT2S", "PT5S");
		assertThat(brief.connectionRenewInterval()).isEqualTo(Duration.ofMillis(500));
		assertThat(brief.presenceCheckInterval()).isEqualTo(Duration.ofMillis(200));
		RoutingProperties shortest = graces("PT1S", "PT1S");
		assertThat(shortest.connectionRenewInterval()).isEqualTo(Duration.ofMillis(250));
		assertThat(shortest.presenceCheckInterval()).as("never below 200 ms").isEqualTo(Duration.ofMillis(200));
	}
}

package io.parley.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the routing sweep runs: it retries assignment for every queue with waiting chats (a safety net behind
 * the assignments triggered by each change) and refreshes the skills and capacity of available agents.
 */
@ConfigurationProperties("parley.routing")
record RoutingProperties(@DefaultValue("5s") Duration sweepInterval) {
}

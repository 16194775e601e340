package io.parley.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * A waiting chat was given to an agent. Published inside the assigning transaction, so that a listener that records
 * the assignment commits or fails together with it.
 */
public record ChatAssigned(UUID tenantId, UUID chatId, UUID agentId, String agentName, String skill,
		Instant assignedAt) {
}

package io.parley.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * A chat was taken from its agent, who had been gone for the abandon grace, and put back at the front of its queue
 * (it keeps its place by arrival) with that agent's place freed. Published inside the requeueing transaction, so that
 * a listener that tells the chat's parties commits or fails together with it; the chat is offered again afterwards.
 */
public record ChatRequeued(UUID tenantId, UUID chatId, UUID agentId, String skill, Instant requeuedAt) {
}

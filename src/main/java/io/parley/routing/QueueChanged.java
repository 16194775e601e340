package io.parley.routing;

import java.util.UUID;

/**
 * The waiting chats of a queue may stand at other positions or have another estimate now. Published after the
 * changes committed, outside any transaction; several changes may be told at once.
 */
public record QueueChanged(UUID tenantId, String skill) {
}

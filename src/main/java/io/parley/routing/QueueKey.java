package io.parley.routing;

import java.util.UUID;

/** One skill queue of a tenant. */
record QueueKey(UUID tenantId, String skill) {
}

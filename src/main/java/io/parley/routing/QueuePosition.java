package io.parley.routing;

/**
 * Where a waiting chat stands: 1 is next. The estimate is null while the queue has no recent waits to go by.
 */
public record QueuePosition(int position, Integer estimatedWaitSeconds) {
}

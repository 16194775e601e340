package io.parley.routing;

/**
 * Where a waiting chat stands: 1 is next. The estimate is null while the queue has no recent waits to go by, and
 * while nobody with the queue's skill is AVAILABLE ({@code agentsAvailable} false).
 */
public record QueuePosition(int position, Integer estimatedWaitSeconds, boolean agentsAvailable) {
}

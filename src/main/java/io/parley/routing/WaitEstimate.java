package io.parley.routing;

/**
 * How fast a queue moved recently, milliseconds per position averaged over its last waits (null: no recent waits),
 * and whether anybody with its skill is AVAILABLE now: without anybody, the past pace promises nothing.
 */
public record WaitEstimate(Double millisPerPosition, boolean agentsAvailable) {

	/** Seconds a chat at {@code position} may wait, rounded up; null when unknown or nobody is available. */
	public Integer secondsAt(int position) {
		return millisPerPosition == null || !agentsAvailable ? null
				: (int) Math.ceil(millisPerPosition * position / 1000.0);
	}

	/** What a chat waiting at {@code position} is told. */
	public QueuePosition at(int position) {
		return new QueuePosition(position, secondsAt(position), agentsAvailable);
	}
}

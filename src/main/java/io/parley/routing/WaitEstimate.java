package io.parley.routing;

/**
 * How fast a queue moved recently: milliseconds per position, averaged over its last waits (null: no recent waits).
 */
public record WaitEstimate(Double millisPerPosition) {

	/** Seconds a chat at {@code position} may wait, rounded up; null when unknown. */
	public Integer secondsAt(int position) {
		return millisPerPosition == null ? null : (int) Math.ceil(millisPerPosition * position / 1000.0);
	}
}

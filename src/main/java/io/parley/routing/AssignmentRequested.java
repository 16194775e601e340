package io.parley.routing;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A change that may allow assignments in these queues: {@link AssignmentRuns} runs them once the transaction that
 * made the change committed (at once when there was none), so a run sees what the change wrote.
 */
record AssignmentRequested(List<QueueKey> queues) {

	static AssignmentRequested of(QueueKey queue) {
		return new AssignmentRequested(List.of(queue));
	}

	static AssignmentRequested of(UUID tenantId, Collection<String> skills) {
		return new AssignmentRequested(skills.stream().map(skill -> new QueueKey(tenantId, skill)).toList());
	}
}

/**
 * Fan-out of small notifications between Parley nodes ("chat X has events up to seq N"), so that a long poll or a
 * WebSocket on any node wakes up and reads what changed from the database. In-process by default; a Redis pub/sub
 * implementation of {@link io.parley.cluster.ClusterBus} can replace it without callers noticing.
 */
@org.springframework.modulith.ApplicationModule(
		displayName = "Cluster",
		allowedDependencies = {})
package io.parley.cluster;

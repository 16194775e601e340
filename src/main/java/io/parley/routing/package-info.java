/**
 * Routing: the skill queues chats wait in, agents' presence (AVAILABLE or AWAY) and capacity, the assignment of the
 * oldest waiting chat to the longest-idle agent with free capacity (in the database, safe across nodes), queue
 * positions and wait estimates. Presence follows the agents' connections ({@link io.parley.routing.AgentConnections}):
 * an agent gone for a grace is set away by the system, and later their chats go back to the front of their queues.
 * It knows chats only by id and tells the chat module about assignments, requeued chats and queue changes with the
 * events {@link io.parley.routing.ChatAssigned}, {@link io.parley.routing.ChatRequeued} and
 * {@link io.parley.routing.QueueChanged}.
 */
@org.springframework.modulith.ApplicationModule(
		displayName = "Routing",
		allowedDependencies = { "accounts", "shared" })
package io.parley.routing;

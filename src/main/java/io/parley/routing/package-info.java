/**
 * Routing: the skill queues chats wait in, agents' presence (AVAILABLE or AWAY) and capacity, the assignment of the
 * oldest waiting chat to the longest-idle agent with free capacity (in the database, safe across nodes), queue
 * positions and wait estimates. It knows chats only by id and tells the chat module about assignments and queue
 * changes with the events {@link io.parley.routing.ChatAssigned} and {@link io.parley.routing.QueueChanged}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Routing")
package io.parley.routing;

package io.parley.routing;

/** An agent's status and how many chats they handle out of how many they may. */
public record AgentPresence(AgentStatus status, int activeChats, int maxConcurrentChats) {
}

package io.parley.routing;

/**
 * An agent's status and how many chats they handle out of how many they may; {@code awayReason} is set when the
 * system set them away (null when they chose their status), and stays until they choose a status again.
 */
public record AgentPresence(AgentStatus status, int activeChats, int maxConcurrentChats, AwayReason awayReason) {
}

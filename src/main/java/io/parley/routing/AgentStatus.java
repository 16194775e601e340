package io.parley.routing;

/** Whether an agent takes new chats ({@code AVAILABLE}) or only keeps the ones they have ({@code AWAY}). */
public enum AgentStatus {
	AVAILABLE, AWAY
}

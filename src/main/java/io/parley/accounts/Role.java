package io.parley.accounts;

/** What a user may do: {@code ADMIN} configures the tenant, {@code AGENT} handles chats and reads profiles. */
public enum Role {
	ADMIN, AGENT
}

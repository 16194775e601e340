/**
 * Chats: the customer's session from the widget (pre-chat answers checked against the profile's form, a secret
 * token), the per-chat event log every client resumes from, messages both ways with idempotent sends, typing, ending
 * and abandonment, agents' feeds and transcripts. Customers and agents reach it over HTTP long polls and WebSockets
 * that carry the same events; routing decides who handles a chat and tells this module with events.
 */
@org.springframework.modulith.ApplicationModule(
		displayName = "Chat",
		allowedDependencies = { "accounts", "cluster", "contactpoints", "database", "http", "profiles", "routing", "shared" })
package io.parley.chat;

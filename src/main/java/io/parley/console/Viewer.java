package io.parley.console;

import io.parley.accounts.Actor;
import io.parley.accounts.Role;

/** The signed-in user as the navigation shows them: name, and which parts of the console they may open. */
record Viewer(String displayName, String username, boolean admin, boolean agent) {

	static Viewer of(Actor actor) {
		return new Viewer(actor.displayName(), actor.username(), actor.roles().contains(Role.ADMIN),
				actor.roles().contains(Role.AGENT));
	}

	/** Where this user starts: admins at their chat profiles, agents at their chats. */
	String home() {
		return admin ? "/console/chat-profiles" : "/console/agent";
	}
}

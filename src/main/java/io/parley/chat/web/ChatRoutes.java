package io.parley.chat.web;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import io.parley.http.ModuleRoutes;
import io.parley.http.RouteTable;

/**
 * Customers' chats (public: a chat token, not a login, opens them), the agents' side of the API and the console's
 * feed socket.
 */
@Component
class ChatRoutes implements ModuleRoutes {

	@Override
	public void declare(RouteTable routes) {
		routes.customer("/widget/v1/points-of-contact/*/chats", "/widget/v1/chats/**");
		routes.api("/api/v1/agent/**").roles("AGENT");
		// the chat module answers 404 to an agent who did not handle the chat
		routes.api(HttpMethod.GET, "/api/v1/chats/*/transcript").roles("ADMIN", "AGENT");
		routes.consoleSocket(ChatWebSocketConfiguration.CONSOLE_AGENT_PATH).roles("AGENT");
	}
}

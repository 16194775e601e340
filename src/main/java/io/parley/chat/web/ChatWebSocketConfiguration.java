package io.parley.chat.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The chat WebSockets. Spring's own origin check is opened wide because the handlers check origins themselves: per
 * point of contact for customers, Parley's own origin for agents.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatWebSocketConfiguration implements WebSocketConfigurer {

	private final CustomerStreamHandler customers;
	private final AgentStreamHandler agents;

	ChatWebSocketConfiguration(CustomerStreamHandler customers, AgentStreamHandler agents) {
		this.customers = customers;
		this.agents = agents;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(customers, CustomerStreamHandler.PATH).addInterceptors(customers).setAllowedOriginPatterns("*");
		registry.addHandler(agents, AgentStreamHandler.PATH).addInterceptors(agents).setAllowedOriginPatterns("*");
	}
}

package io.parley.chat.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import io.parley.accounts.LoginSessionSockets;

/**
 * The chat WebSockets. Spring's own origin check is opened wide because the handlers check origins themselves: per
 * point of contact for customers, Parley's own origin for agents. The agent feed is served twice: for API clients
 * under {@code /api} (Basic or a token) and for the agent console under {@code /console}, where the console's login
 * session authenticates the handshake and the socket closes when that session ends.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatWebSocketConfiguration implements WebSocketConfigurer {

	/** The agent feed for the console's pages. */
	static final String CONSOLE_AGENT_PATH = "/console/agent/stream";

	private final CustomerStreamHandler customers;
	private final AgentStreamHandler agents;
	private final LoginSessionSockets loginSessions;

	ChatWebSocketConfiguration(CustomerStreamHandler customers, AgentStreamHandler agents,
			LoginSessionSockets loginSessions) {
		this.customers = customers;
		this.agents = agents;
		this.loginSessions = loginSessions;
	}

	/**
	 * Smaller per-session buffers than Tomcat's 8 KiB: each customer holds a socket, and at 10 000 sockets the default
	 * buffers took most of a 1 GiB heap (docs/PERFORMANCE.md). These sizes bound what a client may send in one
	 * message, and clients only send keep-alives (everything else goes through POST); outgoing events are not limited.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(2048);
		container.setMaxBinaryMessageBufferSize(2048);
		return container;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(customers, CustomerStreamHandler.PATH).addInterceptors(customers).setAllowedOriginPatterns("*");
		registry.addHandler(agents, AgentStreamHandler.PATH).addInterceptors(agents).setAllowedOriginPatterns("*");
		registry.addHandler(loginSessions.bind(agents), CONSOLE_AGENT_PATH)
			.addInterceptors(agents, loginSessions.handshake())
			.setAllowedOriginPatterns("*");
	}
}

package io.parley.chat.web;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import io.parley.InvalidInputException;
import io.parley.accounts.Actor;
import io.parley.accounts.Role;
import io.parley.chat.AgentChats;
import io.parley.chat.ChatSignals;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/agent/stream?after=<cursor>}: the agent's feed as JSON text frames, each with its {@code cursor};
 * without {@code after}, from now on. The handshake is authenticated like the rest of the API (HTTP Basic or an API
 * token); browsers may open it from Parley's own pages only, since a browser would send cached Basic credentials.
 * The same handler serves the agent console at {@code /console/agent/stream}, authenticated by the login session.
 * While the socket is open the agent counts as connected (routing's presence follows it).
 */
@Component
class AgentStreamHandler extends TextWebSocketHandler implements HandshakeInterceptor {

	static final String PATH = "/api/v1/agent/stream";
	private static final String AGENT = "parley.agentId";
	private static final String AFTER = "parley.after";
	private static final String STREAM = "parley.stream";

	private final AgentChats chats;
	private final ChatSignals signals;
	private final StreamOrigins origins;
	private final StreamSessions sessions;
	private final JsonMapper json;

	AgentStreamHandler(AgentChats chats, ChatSignals signals, StreamOrigins origins, StreamSessions sessions,
			JsonMapper json) {
		this.chats = chats;
		this.signals = signals;
		this.origins = origins;
		this.sessions = sessions;
		this.json = json;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		Optional<Actor> actor = Actor.of(request.getPrincipal());
		if (actor.isEmpty() || !actor.get().roles().contains(Role.AGENT)) {
			return StreamSessions.reject(response, HttpStatus.FORBIDDEN, "Only agents have a feed.");
		}
		if (!origins.isOwn(request)) {
			return StreamSessions.reject(response, HttpStatus.FORBIDDEN, "The agent feed is not open to other sites.");
		}
		UUID agentId = actor.get().userId();
		long after;
		try {
			after = chats.feedFrom(agentId, CustomerStreamHandler.parameter(request, "after"));
		}
		catch (InvalidInputException e) {
			return StreamSessions.reject(response, HttpStatus.BAD_REQUEST, CustomerStreamHandler.refusal(e));
		}
		attributes.put(AGENT, agentId);
		attributes.put(AFTER, after);
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		UUID agentId = (UUID) session.getAttributes().get(AGENT);
		long after = (Long) session.getAttributes().get(AFTER);
		WebSocketSession safe = sessions.opened(session);
		EventStream stream = new EventStream(safe, after, position -> chats.feedAfter(agentId, position).stream()
			.map(event -> new EventStream.Item(Long.parseLong((String) event.get("cursor")),
					json.writeValueAsString(event)))
			.toList(), sessions.executor());
		session.getAttributes().put(STREAM, stream);
		chats.feedOpened(agentId);
		stream.start(listener -> signals.onAgent(agentId, listener));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		// Sends go through POST; whatever a client writes here (a keep-alive) needs no answer.
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		sessions.closed(session);
		if (session.getAttributes().get(AGENT) instanceof UUID agentId && session.getAttributes().containsKey(STREAM)) {
			chats.feedClosed(agentId);
		}
		if (session.getAttributes().get(STREAM) instanceof EventStream stream) {
			stream.close();
		}
	}
}

package io.parley.chat.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import io.parley.shared.InvalidInputException;
import io.parley.chat.ChatSignals;
import io.parley.cluster.ClusterBus.Subscription;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket that pushes one log (a chat's events, an agent's feed) to its client through an {@link EventStream}:
 * the handshake (checked by each kind in {@link #beforeHandshake}) names the log and the position to send from; while
 * the socket is open, its owner counts as connected. What the client sends is ignored: sends go through POST.
 *
 * @param <K> what names the log: a chat's id, an agent's id
 * @param <E> an event of the log, sent as its JSON
 */
abstract class LogStreamHandler<K, E> extends TextWebSocketHandler implements HandshakeInterceptor {

	private static final String LOG = "parley.log";
	private static final String AFTER = "parley.after";
	private static final String STREAM = "parley.stream";

	private final StreamSessions sessions;
	private final JsonMapper json;

	LogStreamHandler(StreamSessions sessions, JsonMapper json) {
		this.sessions = sessions;
		this.json = json;
	}

	/** The events of the log after {@code position}, oldest first. */
	abstract List<E> eventsAfter(K log, long position);

	/** Where an event stands in its log: what a client sends back as {@code after}. */
	abstract long position(E event);

	/** Calls {@code listener} with each event of the log once committed, until closed. */
	abstract Subscription subscribe(K log, ChatSignals.Listener listener);

	/** A socket for the log opened on this node. */
	abstract void opened(K log);

	abstract void closed(K log);

	/** Accepts a handshake for {@code log}, to send what comes after {@code after}. */
	static boolean accept(Map<String, Object> attributes, Object log, long after) {
		attributes.put(LOG, log);
		attributes.put(AFTER, after);
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

	@Override
	@SuppressWarnings("unchecked")
	public void afterConnectionEstablished(WebSocketSession session) {
		K log = (K) session.getAttributes().get(LOG);
		long after = (Long) session.getAttributes().get(AFTER);
		EventStream stream = new EventStream(sessions.opened(session), after, position -> frames(log, position),
				sessions.executor());
		session.getAttributes().put(STREAM, stream);
		opened(log);
		stream.start(listener -> subscribe(log, listener));
	}

	private List<EventStream.Item> frames(K log, long position) {
		return eventsAfter(log, position).stream()
			.map(event -> new EventStream.Item(position(event), json.writeValueAsString(event)))
			.toList();
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		// Sends go through POST; whatever a client writes here (a keep-alive) needs no answer.
	}

	@Override
	@SuppressWarnings("unchecked")
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		sessions.closed(session);
		if (session.getAttributes().get(STREAM) instanceof EventStream stream) {
			stream.close();
			closed((K) session.getAttributes().get(LOG));
		}
	}

	/** A query parameter of the handshake. */
	static String parameter(ServerHttpRequest request, String name) {
		if (request instanceof ServletServerHttpRequest servlet) {
			return servlet.getServletRequest().getParameter(name);
		}
		return null;
	}

	/** What a refused handshake says about a parameter: only names it sent, never text of the client's. */
	static String refusal(InvalidInputException e) {
		String field = e.violations().get(0).field();
		return "after".equals(field) || "token".equals(field) ? field + " " + e.violations().get(0).message() + "."
				: "The query is not valid text: a percent-encoded byte sequence that is no UTF-8.";
	}
}

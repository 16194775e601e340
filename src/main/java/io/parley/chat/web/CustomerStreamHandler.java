package io.parley.chat.web;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import io.parley.InvalidInputException;
import io.parley.NotFoundException;
import io.parley.chat.ChatSignals;
import io.parley.chat.CustomerChats;
import io.parley.contactpoints.PointOfContactCatalog;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /widget/v1/chats/{chatId}/stream?token=…&after=<seq>}: the customer's events as JSON text frames, first
 * those after {@code after}, then each new one. The handshake needs the chat's token and an {@code Origin} that is
 * Parley's own (the chat window) or one the point of contact allows. What the client sends is ignored.
 */
@Component
class CustomerStreamHandler extends TextWebSocketHandler implements HandshakeInterceptor {

	static final String PATH = "/widget/v1/chats/*/stream";
	private static final Pattern CHAT_PATH = Pattern.compile(".*/widget/v1/chats/([0-9a-fA-F-]{36})/stream/?");
	private static final String CHAT = "parley.chatId";
	private static final String AFTER = "parley.after";
	private static final String STREAM = "parley.stream";

	private final CustomerChats chats;
	private final ChatSignals signals;
	private final PointOfContactCatalog pointsOfContact;
	private final StreamOrigins origins;
	private final StreamSessions sessions;
	private final JsonMapper json;

	CustomerStreamHandler(CustomerChats chats, ChatSignals signals, PointOfContactCatalog pointsOfContact,
			StreamOrigins origins, StreamSessions sessions, JsonMapper json) {
		this.chats = chats;
		this.signals = signals;
		this.pointsOfContact = pointsOfContact;
		this.origins = origins;
		this.sessions = sessions;
		this.json = json;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		Matcher path = CHAT_PATH.matcher(request.getURI().getPath());
		UUID chatId = path.matches() ? parse(path.group(1)) : null;
		if (chatId == null) {
			return StreamSessions.reject(response, HttpStatus.NOT_FOUND, "No such chat.");
		}
		String token;
		Long after;
		try {
			token = parameter(request, "token");
			after = seq(parameter(request, "after"));
		}
		catch (InvalidInputException e) {
			return StreamSessions.reject(response, HttpStatus.BAD_REQUEST, refusal(e));
		}
		if (token == null) {
			String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
			if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				token = authorization.substring(7).trim();
			}
		}
		if (token == null || token.isEmpty()) {
			return StreamSessions.reject(response, HttpStatus.UNAUTHORIZED,
					"Send the chat's token as the token query parameter.");
		}
		if (after == null) {
			return StreamSessions.reject(response, HttpStatus.BAD_REQUEST, "after must be a seq, 0 or more.");
		}
		UUID pointOfContactId;
		try {
			pointOfContactId = chats.pointOfContactOf(chatId, token, after);
		}
		catch (NotFoundException e) {
			return StreamSessions.reject(response, HttpStatus.NOT_FOUND, "No such chat.");
		}
		catch (InvalidInputException e) {
			return StreamSessions.reject(response, HttpStatus.BAD_REQUEST, refusal(e));
		}
		String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
		if (!origins.isOwn(request) && !pointsOfContact.find(pointOfContactId)
			.map(poc -> poc.allowsOrigin(origin))
			.orElse(false)) {
			return StreamSessions.reject(response, HttpStatus.FORBIDDEN,
					"This chat may not be used on this web site.");
		}
		attributes.put(CHAT, chatId);
		attributes.put(AFTER, after);
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		UUID chatId = (UUID) session.getAttributes().get(CHAT);
		long after = (Long) session.getAttributes().get(AFTER);
		WebSocketSession safe = sessions.opened(session);
		EventStream stream = new EventStream(safe, after, position -> chats.eventsAfter(chatId, position).stream()
			.map(event -> new EventStream.Item(event.seq(), json.writeValueAsString(event.json())))
			.toList(), sessions.executor());
		session.getAttributes().put(STREAM, stream);
		chats.streamOpened(chatId);
		stream.start(listener -> signals.onChat(chatId, listener));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		// Sends go through POST; whatever a client writes here (a keep-alive) needs no answer.
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		sessions.closed(session);
		if (session.getAttributes().get(STREAM) instanceof EventStream stream) {
			stream.close();
			chats.streamClosed((UUID) session.getAttributes().get(CHAT));
		}
	}

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

	/** A seq or cursor parameter: absent is 0, anything but a non-negative number is null. */
	static Long seq(String text) {
		if (text == null || text.isEmpty()) {
			return 0L;
		}
		if (text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return null;
		}
		return Long.parseLong(text);
	}

	private static UUID parse(String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}

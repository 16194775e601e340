package io.parley.chat.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;

import io.parley.shared.InvalidInputException;
import io.parley.shared.NotFoundException;
import io.parley.accounts.BearerToken;
import io.parley.chat.ChatEvent;
import io.parley.chat.ChatSignals;
import io.parley.chat.CustomerChats;
import io.parley.cluster.ClusterBus.Subscription;
import io.parley.contactpoints.PointOfContactCatalog;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /widget/v1/chats/{chatId}/stream?token=…&after=<seq>}: the customer's events as JSON text frames, first
 * those after {@code after}, then each new one. The handshake needs the chat's token and an {@code Origin} that is
 * Parley's own (the chat window) or one the point of contact allows.
 */
@Component
class CustomerStreamHandler extends LogStreamHandler<UUID, ChatEvent.Logged> {

	static final String PATH = "/widget/v1/chats/*/stream";
	private static final Pattern CHAT_PATH = Pattern.compile(".*/widget/v1/chats/([0-9a-fA-F-]{36})/stream/?");

	private final CustomerChats chats;
	private final ChatSignals signals;
	private final PointOfContactCatalog pointsOfContact;
	private final StreamOrigins origins;

	CustomerStreamHandler(CustomerChats chats, ChatSignals signals, PointOfContactCatalog pointsOfContact,
			StreamOrigins origins, StreamSessions sessions, JsonMapper json) {
		super(sessions, json);
		this.chats = chats;
		this.signals = signals;
		this.pointsOfContact = pointsOfContact;
		this.origins = origins;
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
			token = BearerToken.of(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).orElse(null);
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
		return accept(attributes, chatId, after);
	}

	@Override
	List<ChatEvent.Logged> eventsAfter(UUID chatId, long position) {
		return chats.eventsAfter(chatId, position);
	}

	@Override
	long position(ChatEvent.Logged event) {
		return event.seq();
	}

	@Override
	Subscription subscribe(UUID chatId, ChatSignals.Listener listener) {
		return signals.onChat(chatId, listener);
	}

	@Override
	void opened(UUID chatId) {
		chats.streamOpened(chatId);
	}

	@Override
	void closed(UUID chatId) {
		chats.streamClosed(chatId);
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

package io.parley.accounts;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/**
 * WebSockets that console pages open with the login session's cookie last no longer than the login they were opened
 * under: logging out, the session timing out, or a new login in the same browser (which gives the session a new id)
 * closes them with {@link #SIGNED_OUT}. The handshake is authenticated once, so without this a socket would go on
 * pushing one user's feed to a browser that has logged out or is now someone else's. (Tomcat itself closes sockets
 * of a destroyed session, with 1008, but neither on a new login nor on other servlet containers.)
 */
@Component
public class LoginSessionSockets implements HttpSessionListener, HttpSessionIdListener {

	/** How a socket closes when its login has ended; the page reloads to log in again. */
	public static final CloseStatus SIGNED_OUT = new CloseStatus(4401, "The login session has ended.");

	private static final String SESSION = "parley.loginSession";
	private static final String SESSION_ID = "parley.loginSessionId";

	private final Map<String, Set<WebSocketSession>> sockets = new ConcurrentHashMap<>();

	/** Notes the handshake's login session for {@link #bind}; refuses a handshake without one. */
	public HandshakeInterceptor handshake() {
		return new HandshakeInterceptor() {

			@Override
			public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
					WebSocketHandler handler, Map<String, Object> attributes) {
				HttpSession session = request instanceof ServletServerHttpRequest servlet
						? servlet.getServletRequest().getSession(false) : null;
				if (session == null) {
					response.setStatusCode(HttpStatus.UNAUTHORIZED);
					return false;
				}
				attributes.put(SESSION, session);
				attributes.put(SESSION_ID, session.getId());
				return true;
			}

			@Override
			public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
					WebSocketHandler handler, Exception exception) {
			}
		};
	}

	/** {@code handler} with its sockets closed when the login session they were opened in ends. */
	public WebSocketHandler bind(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession socket) throws Exception {
				HttpSession session = (HttpSession) socket.getAttributes().get(SESSION);
				String sessionId = (String) socket.getAttributes().get(SESSION_ID);
				sockets.compute(sessionId, (id, set) -> {
					Set<WebSocketSession> bound = set == null ? ConcurrentHashMap.newKeySet() : set;
					bound.add(socket);
					return bound;
				});
				// A login that ended between the handshake and here has been through the listeners already.
				if (!isLive(session) || !sessionId.equals(session.getId())) {
					forget(sessionId, socket);
					socket.close(SIGNED_OUT);
					return;
				}
				super.afterConnectionEstablished(socket);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) throws Exception {
				forget((String) socket.getAttributes().get(SESSION_ID), socket);
				super.afterConnectionClosed(socket, status);
			}
		};
	}

	@Override
	public void sessionDestroyed(HttpSessionEvent event) {
		Set<WebSocketSession> ended = sockets.remove(event.getSession().getId());
		if (ended != null) {
			ended.forEach(LoginSessionSockets::signOut);
		}
	}

	/** A login in a session that had one (the same or another user) changes the session's id: a new login. */
	@Override
	public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
		Set<WebSocketSession> ended = sockets.remove(oldSessionId);
		if (ended != null) {
			ended.forEach(LoginSessionSockets::signOut);
		}
	}

	private void forget(String sessionId, WebSocketSession socket) {
		sockets.computeIfPresent(sessionId, (id, set) -> {
			set.remove(socket);
			return set.isEmpty() ? null : set;
		});
	}

	private static boolean isLive(HttpSession session) {
		try {
			session.getCreationTime();
			return true;
		}
		catch (IllegalStateException invalidated) {
			return false;
		}
	}

	private static void signOut(WebSocketSession socket) {
		try {
			socket.close(SIGNED_OUT);
		}
		catch (IOException | RuntimeException e) {
			// Gone already: nothing is pushed to it any more either way.
		}
	}
}

package io.parley.chat.web;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import io.parley.http.Problem;

/**
 * What the chat WebSockets of this node share: the virtual threads that read and send events, thread-safe sessions
 * that drop a client too slow to take its frames (it resumes from its last seq), and a ping every 25 seconds so that
 * proxies do not close a quiet socket.
 */
@Component
class StreamSessions implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StreamSessions.class);
	private static final int SEND_TIME_LIMIT_MILLIS = 10_000;
	private static final int BUFFER_SIZE_LIMIT = 1024 * 1024;
	private static final long PING_SECONDS = 25;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
	private final ScheduledExecutorService pings = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().name("parley-websocket-pings").daemon().factory());
	private final Map<String, WebSocketSession> open = new ConcurrentHashMap<>();

	StreamSessions() {
		pings.scheduleWithFixedDelay(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
	}

	Executor executor() {
		return executor;
	}

	/** The session made safe for concurrent sends, and kept alive with pings until {@link #closed}. */
	WebSocketSession opened(WebSocketSession session) {
		WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MILLIS,
				BUFFER_SIZE_LIMIT);
		open.put(session.getId(), safe);
		return safe;
	}

	void closed(WebSocketSession session) {
		open.remove(session.getId());
	}

	private void ping() {
		for (WebSocketSession session : open.values()) {
			executor.execute(() -> {
				try {
					if (session.isOpen()) {
						session.sendMessage(new PingMessage());
					}
				}
				catch (IOException | RuntimeException e) {
					log.debug("Ping failed", e);
				}
			});
		}
	}

	/** Refuses a handshake with a problem a client can read. */
	static boolean reject(ServerHttpResponse response, HttpStatus status, String detail) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		try {
			response.getBody().write(Problem.of(status, status.getReasonPhrase(), detail).json());
		}
		catch (IOException e) {
			log.debug("Could not write a refused handshake's body", e);
		}
		return false;
	}

	@Override
	public void destroy() {
		pings.shutdownNow();
		executor.shutdownNow();
	}
}

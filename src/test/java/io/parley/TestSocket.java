package io.parley;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/** A real WebSocket client (the JDK's) that collects the JSON text frames it receives (the chat streams' events). */
public final class TestSocket implements WebSocket.Listener {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	/** How long {@link #await} waits for a frame. */
	public static final Duration PATIENCE = Duration.ofSeconds(20);

	public final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
	public final List<JsonNode> received = new ArrayList<>();
	public final CompletableFuture<Integer> closed = new CompletableFuture<>();
	private final StringBuilder partial = new StringBuilder();
	private WebSocket socket;

	/** Opens a socket; fails when the handshake is refused. */
	public static TestSocket open(String url, Map<String, String> headers) {
		TestSocket listener = new TestSocket();
		WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
		headers.forEach(builder::header);
		listener.socket = builder.buildAsync(URI.create(url), listener).join();
		return listener;
	}

	/** The HTTP status a refused handshake answered with. */
	public static int refusal(String url, Map<String, String> headers) {
		try {
			TestSocket socket = open(url, headers);
			socket.abort();
			return 101;
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw e;
		}
	}

	/** Waits for the next frame that matches, keeping all frames seen in {@link #received}. */
	public JsonNode await(Predicate<JsonNode> wanted, String description) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			JsonNode frame;
			try {
				frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
			if (frame == null) {
				throw new AssertionError("No frame " + description + "; got " + received);
			}
			received.add(frame);
			if (wanted.test(frame)) {
				return frame;
			}
		}
	}

	public void sendText(String text) {
		socket.sendText(text, true).join();
	}

	/** Drops the connection without a closing handshake, as a lost network would. */
	public void abort() {
		socket.abort();
	}

	public void close() {
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		partial.append(data);
		if (last) {
			frames.add(HttpApi.JSON.readTree(partial.toString()));
			partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		closed.complete(-1);
	}
}

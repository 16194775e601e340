package io.parley.chat.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;

import io.parley.shared.InvalidInputException;
import io.parley.accounts.Actor;
import io.parley.accounts.Role;
import io.parley.chat.AgentChats;
import io.parley.chat.ChatSignals;
import io.parley.chat.FeedEvent;
import io.parley.cluster.ClusterBus.Subscription;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/agent/stream?after=<cursor>}: the agent's feed as JSON text frames, each with its {@code cursor};
 * without {@code after}, from now on. The handshake is authenticated like the rest of the API (HTTP Basic or an API
 * token); browsers may open it from Parley's own pages only, since a browser would send cached Basic credentials.
 * The same handler serves the agent console at {@code /console/agent/stream}, authenticated by the login session.
 * While the socket is open the agent counts as connected (routing's presence follows it).
 */
@Component
class AgentStreamHandler extends LogStreamHandler<UUID, FeedEvent> {

	static final String PATH = "/api/v1/agent/stream";

	private final AgentChats chats;
	private final ChatSignals signals;
	private final StreamOrigins origins;

	AgentStreamHandler(AgentChats chats, ChatSignals signals, StreamOrigins origins, StreamSessions sessions,
			JsonMapper json) {
		super(sessions, json);
		this.chats = chats;
		this.signals = signals;
		this.origins = origins;
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
			after = chats.feedFrom(agentId, parameter(request, "after"));
		}
		catch (InvalidInputException e) {
			return StreamSessions.reject(response, HttpStatus.BAD_REQUEST, refusal(e));
		}
		return accept(attributes, agentId, after);
	}

	@Override
	List<FeedEvent> eventsAfter(UUID agentId, long position) {
		return chats.feedAfter(agentId, position);
	}

	@Override
	long position(FeedEvent event) {
		return event.cursor();
	}

	@Override
	Subscription subscribe(UUID agentId, ChatSignals.Listener listener) {
		return signals.onAgent(agentId, listener);
	}

	@Override
	void opened(UUID agentId) {
		chats.feedOpened(agentId);
	}

	@Override
	void closed(UUID agentId) {
		chats.feedClosed(agentId);
	}
}

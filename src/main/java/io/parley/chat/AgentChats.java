package io.parley.chat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.shared.InvalidInputException;
import io.parley.shared.NotFoundException;
import io.parley.accounts.Actor;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactCatalog;
import io.parley.routing.AgentConnections;
import io.parley.routing.AgentPresence;
import io.parley.routing.AgentStatus;
import io.parley.routing.Routing;

/**
 * The agent's side of chats: status, the chats they handle, their feed (the events of those chats plus ASSIGNED),
 * writing, typing and ending, and transcripts. A chat another agent handles is answered as unknown.
 */
@Service
public class AgentChats {

	private final Routing routing;
	private final Chats chats;
	private final ChatEnding ending;
	private final ChatSignals signals;
	private final PointOfContactCatalog pointsOfContact;
	private final AgentConnections connections;
	private final TransactionTemplate transaction;

	AgentChats(Routing routing, Chats chats, ChatEnding ending, ChatSignals signals,
			PointOfContactCatalog pointsOfContact, AgentConnections connections, PlatformTransactionManager transactions) {
		this.routing = routing;
		this.connections = connections;
		this.chats = chats;
		this.ending = ending;
		this.signals = signals;
		this.pointsOfContact = pointsOfContact;
		this.transaction = new TransactionTemplate(transactions);
	}

	public AgentPresence changeStatus(Actor agent, AgentStatus status) {
		return routing.changeStatus(agent.tenantId(), agent.userId(), status);
	}

	public AgentPresence presence(Actor agent) {
		return routing.presence(agent.tenantId(), agent.userId());
	}

	/**
	 * The chats the agent handles that have not ended, and the feed cursor read before them: reading the feed from
	 * that cursor may repeat what the list shows, never miss anything.
	 */
	public AgentChatList openChats(Actor agent) {
		String cursor = Long.toString(chats.feedHead(agent.userId()));
		List<AgentChat> items = chats.openChatsOf(agent.tenantId(), agent.userId()).stream()
			.map(chat -> new AgentChat(chat.id(), chat.pointOfContactId(),
					pointsOfContact.find(chat.pointOfContactId()).map(PointOfContact::name).orElse(null), chat.state(),
					chat.preChat(), chat.lastSeq(), chat.createdAt(), chat.assignedAt()))
			.toList();
		return new AgentChatList(items, cursor);
	}

	/** The open chats of an agent and the cursor of their feed when listed. */
	public record AgentChatList(List<AgentChat> items, String cursor) {
	}

	/**
	 * The agent's feed after {@code after} (null: from now on), at once when there is something, else the first to
	 * come within {@code wait}. The agent counts as connected while the poll waits, and from its return until the
	 * disconnect grace has passed without another.
	 */
	public AgentEvents events(Actor agent, String after, Duration wait) {
		long from = feedFrom(agent.userId(), after);
		connections.opened(agent.userId());
		try {
			List<FeedEvent> events = signals.awaitAgent(agent.userId(), from, wait,
					() -> chats.feedAfter(agent.userId(), from, CustomerChats.EVENTS_PER_READ));
			String next = Long.toString(events.isEmpty() ? from : events.getLast().cursor());
			return new AgentEvents(events, next);
		}
		finally {
			connections.pollReturned(agent.userId());
		}
	}

	/** A feed socket of the agent opened on this node: they count as connected until {@link #feedClosed}. */
	public void feedOpened(UUID agentId) {
		connections.opened(agentId);
	}

	public void feedClosed(UUID agentId) {
		connections.closed(agentId);
	}

	/** The feed after a cursor without waiting, for a stream already authorized. */
	public List<FeedEvent> feedAfter(UUID agentId, long cursor) {
		return chats.feedAfter(agentId, cursor, CustomerChats.EVENTS_PER_READ);
	}

	/**
	 * Where to read the agent's feed from: after {@code after}, a cursor the feed handed out, or from now on when it
	 * is null. A cursor it never handed out (no number, or past its head) is a 400 naming {@code after}: read from
	 * there, the feed would stay empty for ever.
	 */
	public long feedFrom(UUID agentId, String after) {
		long head = chats.feedHead(agentId);
		if (after == null) {
			return head;
		}
		if (after.isEmpty() || after.length() > 19 || !after.chars().allMatch(c -> c >= '0' && c <= '9')
				|| Long.parseLong(after) > head) {
			throw new InvalidInputException("after", "is not a cursor this feed handed out");
		}
		return Long.parseLong(after);
	}

	/** A message from the agent in a chat they handle; idempotent by client message id like the customer's. */
	public ChatEvent.Message say(Actor agent, UUID chatId, String clientMessageId, String text) {
		Chat.checkMessage(clientMessageId, text);
		return transaction.execute(status -> {
			Chats.Locked locked = lockOwn(agent, chatId, clientMessageId);
			if (locked.stored().isPresent()) {
				return locked.stored().get();
			}
			ChatEvent.Message said = locked.chat().say(Party.AGENT, clientMessageId, text, Chat.now());
			chats.save(locked.chat());
			return said;
		});
	}

	public void typing(Actor agent, UUID chatId, boolean typing) {
		transaction.executeWithoutResult(status -> {
			Chat chat = lockOwn(agent, chatId, null).chat();
			chat.typing(Party.AGENT, typing, Chat.now());
			chats.save(chat);
		});
	}

	public ChatStatus end(Actor agent, UUID chatId) {
		own(agent, chatId);
		return ChatStatus.of(transaction.execute(status -> ending.end(chatId, Party.AGENT)));
	}

	/** The transcript, for an admin of the chat's tenant or the agent who handled it. */
	public Transcript transcript(Actor reader, UUID chatId) {
		Chat chat = chats.find(chatId)
			.filter(c -> c.tenantId().equals(reader.tenantId()))
			.filter(c -> reader.isAdmin() || c.isHandledBy(reader.userId()))
			.orElseThrow(() -> new NotFoundException("No chat " + chatId));
		return new Transcript(chat.id(), chat.pointOfContactId(), chat.state(), chat.createdAt(), chat.assignedAt(),
				chat.endedAt(), chat.endedBy(), chat.agentId(), chat.agentName(), chat.preChat(), chats.messages(chatId));
	}

	/**
	 * The chat locked for a write, with the agent's earlier message of this client message id if any, when this agent
	 * handles it (or was the last to).
	 */
	private Chats.Locked lockOwn(Actor agent, UUID chatId, String clientMessageId) {
		return chats.lockForWrite(chatId, Party.AGENT, clientMessageId)
			.filter(locked -> locked.chat().tenantId().equals(agent.tenantId())
					&& locked.chat().isHandledBy(agent.userId()))
			.orElseThrow(() -> new NotFoundException("No chat " + chatId + " of yours"));
	}

	/**
	 * The chat, when this agent handles it or was the last to (an ended chat keeps its agent; a chat requeued from a
	 * gone agent is no longer theirs).
	 */
	private Chat own(Actor agent, UUID chatId) {
		return chats.find(chatId)
			.filter(chat -> chat.tenantId().equals(agent.tenantId()) && chat.isHandledBy(agent.userId()))
			.orElseThrow(() -> new NotFoundException("No chat " + chatId + " of yours"));
	}
}

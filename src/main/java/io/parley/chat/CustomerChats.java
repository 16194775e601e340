package io.parley.chat;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.parley.shared.InvalidInputException;
import io.parley.shared.NotFoundException;
import io.parley.contactpoints.PointOfContact;
import io.parley.contactpoints.PointOfContactCatalog;
import io.parley.profiles.ChatProfile;
import io.parley.profiles.ChatProfileCatalog;
import io.parley.profiles.PreChatForm;
import io.parley.routing.QueuePosition;
import io.parley.routing.Routing;
import tools.jackson.databind.JsonNode;

/**
 * The customer's side of chats, as the widget reaches it: start a chat at a point of contact, then, holding the
 * chat's token, read its state and events, write, type and end it. A token opens its own chat only; any other chat
 * id is answered as unknown.
 */
@Service
public class CustomerChats {

	/** Most events one read answers; a client that gets this many reads again at once. */
	static final int EVENTS_PER_READ = 500;

	private final PointOfContactCatalog pointsOfContact;
	private final ChatProfileCatalog profiles;
	private final Routing routing;
	private final Chats chats;
	private final ChatEnding ending;
	private final ChatSignals signals;
	private final CustomerPresence presence;
	private final ChatStartLimit startLimit;
	private final CustomerSendLimits sendLimits;
	private final TransactionTemplate transaction;

	CustomerChats(PointOfContactCatalog pointsOfContact, ChatProfileCatalog profiles, Routing routing, Chats chats,
			ChatEnding ending, ChatSignals signals, CustomerPresence presence, ChatStartLimit startLimit,
			CustomerSendLimits sendLimits, PlatformTransactionManager transactions) {
		this.pointsOfContact = pointsOfContact;
		this.profiles = profiles;
		this.routing = routing;
		this.chats = chats;
		this.ending = ending;
		this.signals = signals;
		this.presence = presence;
		this.startLimit = startLimit;
		this.sendLimits = sendLimits;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Starts a chat at an active point of contact: counts the start against the client address's allowance (even
	 * one with wrong answers, so that guessing costs starts too), checks the pre-chat answers against the profile's
	 * form, and queues the chat in the point of contact's skill queue.
	 */
	public StartedChat start(UUID pointOfContactId, JsonNode preChat, String clientAddress) {
		PointOfContact poc = pointsOfContact.find(pointOfContactId)
			.filter(PointOfContact::active)
			.orElseThrow(() -> new NotFoundException("No active point of contact " + pointOfContactId));
		Optional<Duration> wait = startLimit.take(clientAddress, poc.id());
		if (wait.isPresent()) {
			throw new TooManyChatStarts(wait.get());
		}
		Map<String, Object> answers = PreChatAnswers.check(form(poc), preChat);
		UUID chatId = UUID.randomUUID();
		String token = ChatTokens.newToken();
		return transaction.execute(status -> {
			Instant now = Chat.now();
			QueuePosition position = routing.enqueue(poc.tenantId(), chatId, poc.skill(), now);
			Chat chat = Chat.start(chatId, poc.tenantId(), poc.id(), poc.skill(), answers, position, now);
			chats.insert(chat, ChatTokens.hash(token), now);
			return new StartedChat(chatId, token, chat.state(), position.position(), position.estimatedWaitSeconds(),
					position.agentsAvailable());
		});
	}

	/** The chat's state now. */
	public ChatStatus status(UUID chatId, String token) {
		Chat chat = authorize(chatId, token);
		presence.seen(chatId);
		return ChatStatus.of(chat);
	}

	/**
	 * A message from the customer, answered with its event. The same client message id again answers the stored
	 * event and stores nothing, even after the chat ended, and costs nothing of the sending limits; a new message to
	 * an ended chat is a conflict, and one beyond the chat's or the client address's limit is {@link SendingTooFast}.
	 */
	public ChatEvent.Message say(UUID chatId, String token, String clientMessageId, String text, String clientAddress) {
		Chat.checkMessage(clientMessageId, text);
		byte[] tokenHash = tokenHash(chatId, token);
		return transaction.execute(status -> {
			Chats.Locked locked = lockOwn(chatId, tokenHash, clientMessageId);
			if (locked.stored().isPresent()) {
				return locked.stored().get();
			}
			sendLimits.takeMessage(chatId, clientAddress).ifPresent(wait -> {
				throw new SendingTooFast(SendingTooFast.Kind.MESSAGES, wait);
			});
			Instant now = Chat.now();
			ChatEvent.Message said = locked.chat().say(Party.CUSTOMER, clientMessageId, text, now);
			chats.save(locked.chat(), now);
			return said;
		});
	}

	/** The customer started or stopped typing; beyond the sending limits that is {@link SendingTooFast}. */
	public void typing(UUID chatId, String token, boolean typing, String clientAddress) {
		byte[] tokenHash = tokenHash(chatId, token);
		transaction.executeWithoutResult(status -> {
			Chat chat = lockOwn(chatId, tokenHash, null).chat();
			sendLimits.takeTyping(chatId, clientAddress).ifPresent(wait -> {
				throw new SendingTooFast(SendingTooFast.Kind.TYPING, wait);
			});
			Instant now = Chat.now();
			chat.typing(Party.CUSTOMER, typing, now);
			chats.save(chat, now);
		});
	}

	/**
	 * The events after {@code after}: at once when there are some, else the first to come within {@code wait}, else
	 * none. While it waits the customer counts as present.
	 */
	public List<ChatEvent.Logged> events(UUID chatId, String token, long after, Duration wait) {
		checkAfter(authorize(chatId, token), after);
		presence.connected(chatId);
		try {
			return signals.awaitChat(chatId, after, wait, () -> chats.eventsAfter(chatId, after, EVENTS_PER_READ));
		}
		finally {
			presence.disconnected(chatId);
		}
	}

	/** The customer ends the chat; ending an ended chat changes nothing. */
	public ChatStatus end(UUID chatId, String token) {
		authorize(chatId, token);
		Chat chat = transaction.execute(status -> ending.end(chatId, Party.CUSTOMER));
		return ChatStatus.of(chat);
	}

	/**
	 * The point of contact of the chat the token opens, for checking where a WebSocket comes from, once
	 * {@code after} is checked to be a seq of this chat.
	 */
	public UUID pointOfContactOf(UUID chatId, String token, long after) {
		Chat chat = authorize(chatId, token);
		checkAfter(chat, after);
		return chat.pointOfContactId();
	}

	/** A seq past the chat's last event was never handed out: read from there, the chat would stay silent. */
	private static void checkAfter(Chat chat, long after) {
		if (after < 0 || after > chat.lastSeq()) {
			throw new InvalidInputException("after", "is not a seq of this chat (its last is " + chat.lastSeq() + ")");
		}
	}

	/** Events after {@code after} without waiting, for a stream already authorized. */
	public List<ChatEvent.Logged> eventsAfter(UUID chatId, long after) {
		return chats.eventsAfter(chatId, after, EVENTS_PER_READ);
	}

	/** A customer's WebSocket opened on this node: they count as present until it closes. */
	public void streamOpened(UUID chatId) {
		presence.connected(chatId);
	}

	public void streamClosed(UUID chatId) {
		presence.disconnected(chatId);
	}

	private Chat authorize(UUID chatId, String token) {
		return chats.findByToken(chatId, tokenHash(chatId, token))
			.orElseThrow(() -> new NotFoundException("No chat " + chatId));
	}

	private static byte[] tokenHash(UUID chatId, String token) {
		if (token == null || token.isEmpty() || token.length() > 200) {
			throw new NotFoundException("No chat " + chatId);
		}
		return ChatTokens.hash(token);
	}

	/**
	 * The chat locked for a write, with the customer's earlier message of this client message id if any, when the
	 * token is the chat's; otherwise the chat is unknown to the caller.
	 */
	private Chats.Locked lockOwn(UUID chatId, byte[] tokenHash, String clientMessageId) {
		return chats.lockForWrite(chatId, Party.CUSTOMER, clientMessageId)
			.filter(locked -> MessageDigest.isEqual(locked.tokenHash(), tokenHash))
			.orElseThrow(() -> new NotFoundException("No chat " + chatId));
	}

	private PreChatForm form(PointOfContact poc) {
		if (poc.chatProfileId() == null) {
			return null;
		}
		return profiles.find(poc.tenantId(), poc.chatProfileId())
			.filter(ChatProfile::asksPreChatQuestions)
			.map(ChatProfile::preChatForm)
			.orElse(null);
	}
}

package io.parley.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.parley.routing.QueuePosition;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chats, their event logs and agents' feeds. Saving a chat writes the events it recorded (to its log, and to the
 * feed of the agent who handles it) and publishes each as written; {@link ChatSignals} passes them on once the
 * transaction commits, so that whatever a client is told is in the database already.
 */
@Repository
class Chats {

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};
	private static final String COLUMNS = "id, tenant_id, point_of_contact_id, skill, pre_chat, state, agent_id,"
			+ " agent_name, queue_position, estimated_wait_seconds, agents_available, last_seq, created_at, assigned_at, ended_at, ended_by";

	private static final String LOCK_COLUMNS = Arrays.stream(COLUMNS.split(","))
		.map(column -> "c." + column.trim())
		.collect(Collectors.joining(", "));

	/**
	 * Draws the agent's next feed number: the head row stays locked until the transaction ends, so numbers commit in
	 * order and a cursor never skips one.
	 */
	private static final String FEED_HEAD = "head as (insert into agent_feed_head (agent_id, last_seq) values (?, 1)"
			+ " on conflict (agent_id) do update set last_seq = agent_feed_head.last_seq + 1 returning last_seq)";
	private static final String FEED_INSERT = " insert into agent_feed (agent_id, seq, chat_id, at, event)"
			+ " select ?, last_seq, ?, ?, ?::json from head returning seq";

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final ApplicationEventPublisher events;
	/** Reads stored events: what is beside a record's fields in the stored JSON (chatId, type) is not its concern. */
	private final ObjectReader storedEvents;

	Chats(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.storedEvents = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	void insert(Chat chat, byte[] tokenHash, Instant now) {
		jdbc.sql("insert into chat (id, tenant_id, point_of_contact_id, skill, token_hash, pre_chat, state,"
				+ " queue_position, estimated_wait_seconds, agents_available, last_seq, created_at, customer_seen_at)"
				+ " values (?, ?, ?, ?, ?, ?::json, ?, ?, ?, ?, 0, ?, ?)")
			.params(chat.id(), chat.tenantId(), chat.pointOfContactId(), chat.skill(), tokenHash,
					json.writeValueAsString(chat.preChat()), chat.state().name(), chat.queuePosition(),
					chat.estimatedWaitSeconds(), chat.agentsAvailable(), ts(chat.createdAt()), ts(now))
			.update();
		save(chat);
	}

	/** Writes the chat's state and the events it recorded, copying them to its agent's feed. */
	void save(Chat chat) {
		save(chat, null);
	}

	/**
	 * Writes the chat's state and the events it recorded, to its log and to agents' feeds as the chat says, and, when
	 * {@code customerSeenAt} is given, notes that the customer was there then. One statement per event (the first
	 * also updates the chat), so that a message costs one round trip to the database besides its lock and commit.
	 * Each event written is published as it is stored (its JSON made once), for {@link ChatSignals} to pass on once
	 * the transaction commits.
	 */
	void save(Chat chat, Instant customerSeenAt) {
		List<Chat.Recorded> recorded = chat.unsaved();
		String update = "update chat set state = ?, agent_id = ?, agent_name = ?, queue_position = ?,"
				+ " estimated_wait_seconds = ?, agents_available = ?, last_seq = ?, assigned_at = ?, ended_at = ?, ended_by = ?,"
				+ " customer_seen_at = greatest(customer_seen_at, coalesce(?, customer_seen_at)) where id = ?";
		List<Object> updateParams = Arrays.asList(chat.state().name(), chat.agentId(), chat.agentName(),
				chat.queuePosition(), chat.estimatedWaitSeconds(), chat.agentsAvailable(), chat.lastSeq(),
				ts(chat.assignedAt()), ts(chat.endedAt()), chat.endedBy() == null ? null : chat.endedBy().name(), ts(customerSeenAt),
				chat.id());
		if (recorded.isEmpty()) {
			jdbc.sql(update).params(updateParams).update();
			return;
		}
		boolean first = true;
		for (Chat.Recorded entry : recorded) {
			List<String> steps = new ArrayList<>();
			List<Object> params = new ArrayList<>();
			if (first) {
				steps.add("chat_row as (" + update + ")");
				params.addAll(updateParams);
				first = false;
			}
			String logJson = null;
			if (entry.inLog() && entry.event() instanceof ChatEvent.Logged logged) {
				logJson = json.writeValueAsString(logged);
				ChatEvent.Message message = logged instanceof ChatEvent.Message m ? m : null;
				steps.add("event_row as (insert into chat_event (chat_id, seq, type, at, sender, client_message_id, data)"
						+ " values (?, ?, ?, ?, ?, ?, ?::json))");
				params.addAll(Arrays.asList(chat.id(), logged.seq(), logged.type().name(), ts(logged.at()),
						message == null ? null : message.from().name(), message == null ? null : message.clientMessageId(),
						logJson));
			}
			if (entry.feedOf() == null) {
				jdbc.sql("with " + String.join(", ", steps) + " select 0").params(params).query(Long.class).single();
			}
			else {
				steps.add(FEED_HEAD);
				params.addAll(Arrays.asList(entry.feedOf(), entry.feedOf(), chat.id(), ts(entry.event().at()),
						json.writeValueAsString(new StoredFeedEvent(chat.id(), entry.event()))));
				long cursor = jdbc.sql("with " + String.join(", ", steps) + FEED_INSERT)
					.params(params)
					.query(Long.class)
					.single();
				FeedEvent fed = new FeedEvent(cursor, chat.id(), entry.event());
				events.publishEvent(new ChatSignals.FeedAppended(entry.feedOf(), fed, json.writeValueAsString(fed)));
			}
			if (logJson != null) {
				events.publishEvent(new ChatSignals.ChatAppended(chat.id(), (ChatEvent.Logged) entry.event(), logJson));
			}
		}
		chat.clearRecorded();
	}

	/** An event as an agent's feed keeps it: the chat's id beside the event's fields; the cursor is the row's. */
	private record StoredFeedEvent(UUID chatId, @JsonUnwrapped ChatEvent event) {
	}

	/** The chat, locked until the transaction ends. */
	Optional<Chat> lock(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from chat where id = ? for update")
			.param(id)
			.query((rs, n) -> map(rs))
			.optional();
	}

	/**
	 * The chat, locked until the transaction ends, with its token's hash and the message {@code sender} sent with
	 * {@code clientMessageId} if it was stored already: what a write needs, in one statement.
	 */
	Optional<Locked> lockForWrite(UUID id, Party sender, String clientMessageId) {
		return jdbc.sql("select " + LOCK_COLUMNS + ", c.token_hash, e.seq, e.type, e.at, e.data"
				+ " from chat c left join chat_event e on e.chat_id = c.id and e.sender = ? and e.client_message_id = ?"
				+ " where c.id = ? for update of c")
			.params(sender.name(), clientMessageId, id)
			.query((rs, n) -> new Locked(map(rs), rs.getBytes("token_hash"),
					rs.getString("type") == null ? Optional.empty() : Optional.of((ChatEvent.Message) event(rs))))
			.optional();
	}

	/** A chat locked for a write, its token's hash, and the stored message a retried send repeats. */
	record Locked(Chat chat, byte[] tokenHash, Optional<ChatEvent.Message> stored) {
	}

	Optional<Chat> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from chat where id = ?").param(id).query((rs, n) -> map(rs)).optional();
	}

	/** The chat whose customer holds the token with this hash. */
	Optional<Chat> findByToken(UUID id, byte[] tokenHash) {
		return jdbc.sql("select " + COLUMNS + " from chat where id = ? and token_hash = ?")
			.params(id, tokenHash)
			.query((rs, n) -> map(rs))
			.optional();
	}

	/** The chats an agent handles that have not ended, oldest assignment first. */
	List<Chat> openChatsOf(UUID tenantId, UUID agentId) {
		return jdbc.sql("select " + COLUMNS + " from chat where agent_id = ? and tenant_id = ? and state <> 'ENDED'"
				+ " order by assigned_at, id")
			.params(agentId, tenantId)
			.query((rs, n) -> map(rs))
			.list();
	}

	List<ChatEvent.Logged> eventsAfter(UUID chatId, long after, int limit) {
		return jdbc.sql("select seq, type, at, data from chat_event where chat_id = ? and seq > ? order by seq limit ?")
			.params(chatId, after, limit)
			.query((rs, n) -> event(rs))
			.list();
	}

	List<ChatEvent.Message> messages(UUID chatId) {
		return jdbc.sql("select seq, type, at, data from chat_event where chat_id = ? and type = 'MESSAGE' order by seq")
			.param(chatId)
			.query((rs, n) -> (ChatEvent.Message) event(rs))
			.list();
	}

	void forgetTyping(UUID chatId) {
		jdbc.sql("delete from chat_event where chat_id = ? and type = 'TYPING'").param(chatId).update();
	}

	/** An agent's feed after {@code cursor}, each event with its own cursor. */
	List<FeedEvent> feedAfter(UUID agentId, long cursor, int limit) {
		return jdbc.sql("select seq, chat_id, event from agent_feed where agent_id = ? and seq > ? order by seq limit ?")
			.params(agentId, cursor, limit)
			.query((rs, n) -> {
				ObjectNode stored = (ObjectNode) json.readTree(rs.getString("event"));
				ChatEvent event = read(ChatEvent.Type.valueOf(stored.get("type").asString()), stored);
				return new FeedEvent(rs.getLong("seq"), rs.getObject("chat_id", UUID.class), event);
			})
			.list();
	}

	long feedHead(UUID agentId) {
		return jdbc.sql("select last_seq from agent_feed_head where agent_id = ?")
			.param(agentId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/** What the waiting customers among {@code ids} were last told: their position, estimate and availability. */
	Map<UUID, QueuePosition> shownPositions(Collection<UUID> ids) {
		Map<UUID, QueuePosition> shown = new LinkedHashMap<>();
		jdbc.sql("select id, queue_position, estimated_wait_seconds, agents_available from chat where id = any(?)"
				+ " and state = 'QUEUED' and queue_position is not null")
			.param(ids.toArray(UUID[]::new))
			.query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), new QueuePosition(rs.getInt("queue_position"),
					(Integer) rs.getObject("estimated_wait_seconds"), !Boolean.FALSE.equals(rs.getObject("agents_available")))))
			.list()
			.forEach(entry -> shown.put(entry.getKey(), entry.getValue()));
		return shown;
	}

	/** Notes that the customer is still there: a request, an open WebSocket or a waiting long poll. */
	void touchCustomers(Collection<UUID> ids, Instant now) {
		if (ids.isEmpty()) {
			return;
		}
		jdbc.sql("update chat set customer_seen_at = ? where id = any(?) and state <> 'ENDED' and customer_seen_at < ?")
			.params(ts(now), ids.toArray(UUID[]::new), ts(now))
			.update();
	}

	/** Open chats whose customer was last seen before {@code cutoff}. */
	List<UUID> customerGoneSince(Instant cutoff, int limit) {
		return jdbc.sql("select id from chat where state <> 'ENDED' and customer_seen_at < ? order by customer_seen_at limit ?")
			.params(ts(cutoff), limit)
			.query((rs, n) -> rs.getObject("id", UUID.class))
			.list();
	}

	boolean customerGoneSince(UUID chatId, Instant cutoff) {
		return jdbc.sql("select exists (select 1 from chat where id = ? and state <> 'ENDED' and customer_seen_at < ?)")
			.params(chatId, ts(cutoff))
			.query(Boolean.class)
			.single();
	}

	private Chat map(ResultSet rs) throws SQLException {
		String endedBy = rs.getString("ended_by");
		return new Chat(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getObject("point_of_contact_id", UUID.class), rs.getString("skill"),
				json.readValue(rs.getString("pre_chat"), MAP), rs.getTimestamp("created_at").toInstant(),
				ChatState.valueOf(rs.getString("state")), rs.getObject("agent_id", UUID.class),
				rs.getString("agent_name"), (Integer) rs.getObject("queue_position"),
				(Integer) rs.getObject("estimated_wait_seconds"), (Boolean) rs.getObject("agents_available"),
				rs.getLong("last_seq"),
				instant(rs.getTimestamp("assigned_at")), instant(rs.getTimestamp("ended_at")),
				endedBy == null ? null : Party.valueOf(endedBy));
	}

	/**
	 * An event of a chat's log as stored: the row's seq, type and time, and the fields of its JSON (rows written before
	 * events were typed hold only the type's own fields there; later ones the whole event).
	 */
	private ChatEvent.Logged event(ResultSet rs) throws SQLException {
		ObjectNode data = (ObjectNode) json.readTree(rs.getString("data"));
		data.put("seq", rs.getLong("seq"));
		data.put("at", rs.getTimestamp("at").toInstant().toString());
		return (ChatEvent.Logged) read(ChatEvent.Type.valueOf(rs.getString("type")), data);
	}

	/** Reads stored JSON into the record of its type; keys beside the record's fields (chatId, type) are ignored. */
	private ChatEvent read(ChatEvent.Type type, ObjectNode stored) {
		return storedEvents.treeToValue(stored, type.record());
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}

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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.parley.routing.QueuePosition;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chats, their event logs and agents' feeds. Saving a chat writes the events it recorded (and copies them to the
 * feed of the agent who handles it) and has the listeners woken once the transaction commits, so that whatever a
 * client is told is in the database already.
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
	private final ChatSignals signals;

	Chats(JdbcClient jdbc, JsonMapper json, ChatSignals signals) {
		this.jdbc = jdbc;
		this.json = json;
		this.signals = signals;
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
	 * Writes the chat's state and the events it recorded, copying them to its agent's feed, and, when
	 * {@code customerSeenAt} is given, notes that the customer was there then. One statement per event (the first
	 * also updates the chat), so that a message costs one round trip to the database besides its lock and commit.
	 * Listeners are told after the commit, with the event as each side gets it.
	 */
	void save(Chat chat, Instant customerSeenAt) {
		List<ChatEvent> events = chat.recorded();
		String update = "update chat set state = ?, agent_id = ?, agent_name = ?, queue_position = ?,"
				+ " estimated_wait_seconds = ?, agents_available = ?, last_seq = ?, assigned_at = ?, ended_at = ?, ended_by = ?,"
				+ " customer_seen_at = greatest(customer_seen_at, coalesce(?, customer_seen_at)) where id = ?";
		List<Object> updateParams = Arrays.asList(chat.state().name(), chat.agentId(), chat.agentName(),
				chat.queuePosition(), chat.estimatedWaitSeconds(), chat.agentsAvailable(), chat.lastSeq(),
				ts(chat.assignedAt()),
				ts(chat.endedAt()), chat.endedBy() == null ? null : chat.endedBy().name(), ts(customerSeenAt),
				chat.id());
		if (events.isEmpty()) {
			jdbc.sql(update).params(updateParams).update();
			return;
		}
		boolean first = true;
		for (ChatEvent event : events) {
			StringBuilder sql = new StringBuilder("with ");
			List<Object> params = new ArrayList<>();
			if (first) {
				sql.append("chat_row as (").append(update).append("), ");
				params.addAll(updateParams);
				first = false;
			}
			boolean message = event.type() == ChatEvent.Type.MESSAGE;
			sql.append("event_row as (insert into chat_event (chat_id, seq, type, at, sender, client_message_id, data)"
					+ " values (?, ?, ?, ?, ?, ?, ?::json))");
			params.addAll(Arrays.asList(chat.id(), event.seq(), event.type().name(), ts(event.at()),
					message ? event.data().get("from") : null, message ? event.data().get("clientMessageId") : null,
					json.writeValueAsString(event.data())));
			Map<String, Object> agentEvent = chat.agentId() == null ? null : event.agentJson(chat.id());
			if (agentEvent == null) {
				sql.append(" select 0");
				jdbc.sql(sql.toString()).params(params).query(Long.class).single();
			}
			else {
				sql.append(", ").append(FEED_HEAD).append(FEED_INSERT);
				params.addAll(Arrays.asList(chat.agentId(), chat.agentId(), chat.id(), ts(event.at()),
						json.writeValueAsString(agentEvent)));
				long cursor = jdbc.sql(sql.toString()).params(params).query(Long.class).single();
				signals.agentAppended(chat.agentId(), cursor, feedJson(cursor, agentEvent));
			}
			signals.chatAppended(chat.id(), event.seq(), json.writeValueAsString(event.json()));
		}
		chat.clearRecorded();
	}

	/** Adds an event to an agent's feed under the next number, and answers that number (the agent's cursor). */
	long appendToFeed(UUID agentId, UUID chatId, Instant at, Map<String, Object> event) {
		long cursor = jdbc.sql("with " + FEED_HEAD + FEED_INSERT)
			.params(agentId, agentId, chatId, ts(at), json.writeValueAsString(event))
			.query(Long.class)
			.single();
		signals.agentAppended(agentId, cursor, feedJson(cursor, event));
		return cursor;
	}

	/** An event of an agent's feed as the agent gets it: its cursor first. */
	private String feedJson(long cursor, Map<String, Object> event) {
		Map<String, Object> withCursor = new LinkedHashMap<>();
		withCursor.put("cursor", Long.toString(cursor));
		withCursor.putAll(event);
		return json.writeValueAsString(withCursor);
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
					rs.getString("type") == null ? Optional.empty() : Optional.of(event(rs))))
			.optional();
	}

	/** A chat locked for a write, its token's hash, and the stored message a retried send repeats. */
	record Locked(Chat chat, byte[] tokenHash, Optional<ChatEvent> stored) {
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

	List<ChatEvent> eventsAfter(UUID chatId, long after, int limit) {
		return jdbc.sql("select seq, type, at, data from chat_event where chat_id = ? and seq > ? order by seq limit ?")
			.params(chatId, after, limit)
			.query((rs, n) -> event(rs))
			.list();
	}

	List<ChatEvent> messages(UUID chatId) {
		return jdbc.sql("select seq, type, at, data from chat_event where chat_id = ? and type = 'MESSAGE' order by seq")
			.param(chatId)
			.query((rs, n) -> event(rs))
			.list();
	}

	void forgetTyping(UUID chatId) {
		jdbc.sql("delete from chat_event where chat_id = ? and type = 'TYPING'").param(chatId).update();
	}

	/** An agent's feed after {@code cursor}, each event with its own cursor. */
	List<Map<String, Object>> feedAfter(UUID agentId, long cursor, int limit) {
		return jdbc.sql("select seq, event from agent_feed where agent_id = ? and seq > ? order by seq limit ?")
			.params(agentId, cursor, limit)
			.query((rs, n) -> {
				Map<String, Object> event = new LinkedHashMap<>();
				event.put("cursor", Long.toString(rs.getLong("seq")));
				event.putAll(json.readValue(rs.getString("event"), MAP));
				return event;
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

	private ChatEvent event(ResultSet rs) throws SQLException {
		return new ChatEvent(rs.getLong("seq"), ChatEvent.Type.valueOf(rs.getString("type")),
				rs.getTimestamp("at").toInstant(), json.readValue(rs.getString("data"), MAP));
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}

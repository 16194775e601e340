package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.parley.database.EmbeddedDatabaseSlice;
import io.parley.routing.QueuePosition;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat repository's SQL on the embedded PostgreSQL: a chat's events and its agent's feed as written and read
 * back, the events published for the after-commit fan-out, and rows written by the build before events were typed.
 */
@EmbeddedDatabaseSlice
class ChatsTest {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123456Z");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	JdbcClient jdbc;

	final List<Object> published = new ArrayList<>();
	Chats chats;
	UUID tenant;

	@BeforeEach
	void repository() {
		chats = new Chats(jdbc, JSON, published::add);
		tenant = UUID.randomUUID();
		jdbc.sql("insert into tenant (id, name) values (?, ?)").params(tenant, "Tenant " + tenant).update();
	}

	private Chat started() {
		Chat chat = Chat.start(UUID.randomUUID(), tenant, UUID.randomUUID(), "sales", Map.of("name", "Ann"),
				new QueuePosition(1, null, false), NOW);
		chats.insert(chat, new byte[32], NOW);
		return chat;
	}

	@Test
	void writesEveryEventToTheLogAndTheAgentsFeedAndReadsThemBackTyped() {
		Chat chat = started();
		ChatEvent.Message waiting = chat.say(Party.CUSTOMER, "c1", "Hello?", NOW.plusSeconds(1));
		chats.save(chat);
		UUID agent = UUID.randomUUID();
		Chat locked = chats.lock(chat.id()).orElseThrow();
		locked.assign(agent, "Eve", NOW.plusSeconds(2), chats.messages(chat.id()));
		chats.save(locked);
		locked.typing(Party.AGENT, true, NOW.plusSeconds(3));
		locked.say(Party.AGENT, "a1", "Hi Ann", NOW.plusSeconds(4));
		locked.end(Party.AGENT, NOW.plusSeconds(5));
		chats.save(locked);

		List<ChatEvent.Logged> log = chats.eventsAfter(chat.id(), 0, 100);
		assertThat(log).containsExactly(
				new ChatEvent.StateChanged(1, NOW, ChatState.QUEUED, 1, null, false, null), waiting,
				new ChatEvent.StateChanged(3, NOW.plusSeconds(2), ChatState.ACTIVE, null, null, null, "Eve"),
				new ChatEvent.Typing(4, NOW.plusSeconds(3), Party.AGENT, true),
				new ChatEvent.Message(5, NOW.plusSeconds(4), Party.AGENT, "Hi Ann", "a1", "Eve"),
				new ChatEvent.Ended(6, NOW.plusSeconds(5), Party.AGENT));
		assertThat(chats.feedAfter(agent, 0, 100)).extracting(FeedEvent::cursor, FeedEvent::chatId, FeedEvent::event)
			.containsExactly(
					tuple(1L, chat.id(),
							new ChatEvent.Assigned(NOW.plusSeconds(2), chat.pointOfContactId(), Map.of("name", "Ann"))),
					tuple(2L, chat.id(), waiting),
					tuple(3L, chat.id(), log.get(2)),
					tuple(4L, chat.id(), log.get(3)),
					tuple(5L, chat.id(), log.get(4)),
					tuple(6L, chat.id(), log.get(5)));
		assertThat(chats.feedHead(agent)).isEqualTo(6);
		assertThat(chats.lockForWrite(chat.id(), Party.AGENT, "a1").orElseThrow().stored()).contains(
				(ChatEvent.Message) log.get(4));
		assertThat(chats.lockForWrite(chat.id(), Party.CUSTOMER, "a1").orElseThrow().stored()).isEmpty();
	}

	@Test
	void publishesEachWrittenEventWithItsJsonForTheFanOut() {
		Chat chat = started();
		published.clear();
		ChatEvent.Message said = chat.say(Party.CUSTOMER, "c1", "Hello?", NOW);
		chats.save(chat);
		assertThat(published).singleElement().isInstanceOfSatisfying(ChatSignals.ChatAppended.class, appended -> {
			assertThat(appended.chatId()).isEqualTo(chat.id());
			assertThat(appended.event()).isEqualTo(said);
			assertThat(JSON.readTree(appended.json())).isEqualTo(JSON.readTree("{\"seq\":2,\"type\":\"MESSAGE\","
					+ "\"at\":\"2026-12-01T10:00:00.123456Z\",\"from\":\"CUSTOMER\",\"text\":\"Hello?\","
					+ "\"clientMessageId\":\"c1\",\"agentName\":null}"));
		});

		UUID agent = UUID.randomUUID();
		Chat locked = chats.lock(chat.id()).orElseThrow();
		locked.assign(agent, "Eve", NOW, List.of());
		published.clear();
		chats.save(locked);
		assertThat(published).hasSize(3);
		assertThat(published.get(0)).isInstanceOfSatisfying(ChatSignals.FeedAppended.class, appended -> {
			assertThat(appended.agentId()).isEqualTo(agent);
			assertThat(JSON.readTree(appended.json())).isEqualTo(JSON.readTree("{\"cursor\":\"1\",\"chatId\":\""
					+ chat.id() + "\",\"seq\":null,\"type\":\"ASSIGNED\",\"at\":\"2026-12-01T10:00:00.123456Z\","
					+ "\"pointOfContactId\":\"" + chat.pointOfContactId() + "\",\"preChat\":{\"name\":\"Ann\"}}"));
		});
		assertThat(published.get(1)).isInstanceOf(ChatSignals.FeedAppended.class);
		assertThat(published.get(2)).isInstanceOf(ChatSignals.ChatAppended.class);
	}

	/** Rows as the build before typed events wrote them: the log's data held only the type's own fields. */
	@Test
	void readsEventsAndFeedsWrittenByThePreviousBuild() {
		Chat chat = started();
		UUID agent = UUID.randomUUID();
		Instant at = NOW.plusSeconds(1);
		insertOldEvent(chat.id(), 2, "MESSAGE", at, "CUSTOMER", "c1",
				"{\"from\":\"CUSTOMER\",\"text\":\"Hi\",\"clientMessageId\":\"c1\",\"agentName\":null}");
		insertOldEvent(chat.id(), 3, "STATE", at, null, null, "{\"state\":\"ACTIVE\",\"queuePosition\":null,"
				+ "\"estimatedWaitSeconds\":null,\"agentsAvailable\":null,\"agentName\":\"Eve\"}");
		insertOldEvent(chat.id(), 4, "TYPING", at, null, null, "{\"from\":\"AGENT\",\"typing\":true}");
		insertOldEvent(chat.id(), 5, "ENDED", at, null, null, "{\"endedBy\":\"SYSTEM\"}");
		insertOldFeed(agent, 1, chat.id(), at, "{\"chatId\":\"" + chat.id() + "\",\"seq\":null,\"type\":\"ASSIGNED\","
				+ "\"at\":\"" + at + "\",\"pointOfContactId\":\"" + chat.pointOfContactId() + "\",\"preChat\":{\"name\":\"Ann\"}}");
		insertOldFeed(agent, 2, chat.id(), at, "{\"chatId\":\"" + chat.id() + "\",\"seq\":2,\"type\":\"MESSAGE\","
				+ "\"at\":\"" + at + "\",\"from\":\"CUSTOMER\",\"text\":\"Hi\",\"clientMessageId\":\"c1\",\"agentName\":null}");
		insertOldFeed(agent, 3, chat.id(), at, "{\"chatId\":\"" + chat.id() + "\",\"seq\":null,\"type\":\"UNASSIGNED\","
				+ "\"at\":\"" + at + "\",\"reason\":\"AGENT_DISCONNECTED\"}");

		ChatEvent.Message hi = new ChatEvent.Message(2, at, Party.CUSTOMER, "Hi", "c1", null);
		assertThat(chats.eventsAfter(chat.id(), 1, 100)).containsExactly(hi,
				new ChatEvent.StateChanged(3, at, ChatState.ACTIVE, null, null, null, "Eve"),
				new ChatEvent.Typing(4, at, Party.AGENT, true), new ChatEvent.Ended(5, at, Party.SYSTEM));
		assertThat(chats.messages(chat.id())).containsExactly(hi);
		assertThat(chats.lockForWrite(chat.id(), Party.CUSTOMER, "c1").orElseThrow().stored()).contains(hi);
		assertThat(chats.feedAfter(agent, 0, 100)).extracting(FeedEvent::event).containsExactly(
				new ChatEvent.Assigned(at, chat.pointOfContactId(), Map.of("name", "Ann")), hi,
				new ChatEvent.Unassigned(at, ChatEvent.Unassigned.Reason.AGENT_DISCONNECTED));
		// and clients get exactly what the previous build sent for them
		assertThat(JSON.readTree(JSON.writeValueAsString(chats.feedAfter(agent, 2, 1).getFirst())))
			.isEqualTo(JSON.readTree("{\"cursor\":\"3\",\"chatId\":\"" + chat.id() + "\",\"seq\":null,"
					+ "\"type\":\"UNASSIGNED\",\"at\":\"" + at + "\",\"reason\":\"AGENT_DISCONNECTED\"}"));
		assertThat(JSON.readTree(JSON.writeValueAsString(hi))).isEqualTo(JSON.readTree("{\"seq\":2,\"type\":\"MESSAGE\","
				+ "\"at\":\"" + at + "\",\"from\":\"CUSTOMER\",\"text\":\"Hi\",\"clientMessageId\":\"c1\",\"agentName\":null}"));
	}

	private void insertOldEvent(UUID chatId, long seq, String type, Instant at, String sender, String clientMessageId,
			String data) {
		jdbc.sql("insert into chat_event (chat_id, seq, type, at, sender, client_message_id, data)"
				+ " values (?, ?, ?, ?, ?, ?, ?::json)")
			.params(chatId, seq, type, Timestamp.from(at), sender, clientMessageId, data)
			.update();
	}

	private void insertOldFeed(UUID agentId, long seq, UUID chatId, Instant at, String event) {
		jdbc.sql("insert into agent_feed (agent_id, seq, chat_id, at, event) values (?, ?, ?, ?, ?::json)")
			.params(agentId, seq, chatId, Timestamp.from(at), event)
			.update();
	}
}

package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.ConflictException;
import io.parley.InvalidInputException;
import io.parley.routing.QueuePosition;

class ChatTest {

	private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123456Z");
	private static final UUID AGENT = UUID.randomUUID();

	private static Chat waiting() {
		return Chat.start(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "sales", Map.of("name", "Ann"),
				new QueuePosition(3, 90, true), NOW);
	}

	private static Chat active() {
		Chat chat = waiting();
		chat.assign(AGENT, "Eve", NOW.plusSeconds(5));
		chat.clearRecorded();
		return chat;
	}

	@Test
	void startsQueuedAndTellsTheCustomerTheirPosition() {
		Chat chat = waiting();
		assertThat(chat.state()).isEqualTo(ChatState.QUEUED);
		assertThat(chat.recorded()).singleElement().satisfies(event -> {
			assertThat(event.seq()).isEqualTo(1);
			assertThat(event.type()).isEqualTo(ChatEvent.Type.STATE);
			assertThat(event.json()).containsEntry("state", "QUEUED").containsEntry("queuePosition", 3)
				.containsEntry("estimatedWaitSeconds", 90).containsEntry("agentName", null)
				.containsEntry("at", "2026-11-25T10:15:30.123456Z");
		});
	}

	@Test
	void becomesActiveWhenAssignedAndOnlyOnce() {
		Chat chat = waiting();
		chat.assign(AGENT, "Eve", NOW);
		assertThat(chat.state()).isEqualTo(ChatState.ACTIVE);
		assertThat(chat.isHandledBy(AGENT)).isTrue();
		assertThat(chat.queuePosition()).isNull();
		assertThat(chat.recorded().get(1).json()).containsEntry("state", "ACTIVE").containsEntry("agentName", "Eve")
			.containsEntry("queuePosition", null).containsEntry("seq", 2L);
		assertThatThrownBy(() -> chat.assign(UUID.randomUUID(), "Other", NOW)).isInstanceOf(IllegalStateException.class);
		assertThat(chat.isHandledBy(AGENT)).isTrue();
	}

	@Test
	void goesBackToTheQueueFromAGoneAgentTellingTheCustomerAndCanBeAssignedAgain() {
		Chat chat = active();
		chat.requeue(new QueuePosition(1, 30, true), NOW.plusSeconds(60));
		assertThat(chat.state()).isEqualTo(ChatState.QUEUED);
		assertThat(chat.isHandledBy(AGENT)).isFalse();
		assertThat(chat.agentName()).isNull();
		assertThat(chat.recorded()).extracting(ChatEvent::type).containsExactly(ChatEvent.Type.MESSAGE,
				ChatEvent.Type.STATE);
		assertThat(chat.recorded().get(0).json()).containsEntry("from", "SYSTEM").containsEntry("agentName", null)
			.containsEntry("text", Chat.REQUEUED_MESSAGE);
		assertThat(chat.recorded().get(1).json()).containsEntry("state", "QUEUED").containsEntry("queuePosition", 1)
			.containsEntry("estimatedWaitSeconds", 30).containsEntry("agentsAvailable", true).containsEntry("agentName", null);

		UUID next = UUID.randomUUID();
		chat.assign(next, "Bob", NOW.plusSeconds(90));
		assertThat(chat.isHandledBy(next)).isTrue();
		assertThat(chat.agentName()).isEqualTo("Bob");
	}

	@Test
	void onlyAnActiveChatGoesBackToTheQueue() {
		assertThatThrownBy(() -> waiting().requeue(new QueuePosition(1, null, true), NOW))
			.isInstanceOf(IllegalStateException.class);
		Chat ended = active();
		ended.end(Party.CUSTOMER, NOW);
		assertThatThrownBy(() -> ended.requeue(new QueuePosition(1, null, true), NOW))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void numbersEveryEventAfterTheLast() {
		Chat chat = active();
		long before = chat.lastSeq();
		ChatEvent hello = chat.say(Party.CUSTOMER, "c1", "Hello", NOW);
		ChatEvent typing = chat.typing(Party.AGENT, true, NOW);
		ChatEvent reply = chat.say(Party.AGENT, "a1", "Hi", NOW);
		assertThat(hello.seq()).isEqualTo(before + 1);
		assertThat(typing.seq()).isEqualTo(before + 2);
		assertThat(reply.seq()).isEqualTo(before + 3);
		assertThat(hello.json()).containsEntry("from", "CUSTOMER").containsEntry("agentName", null)
			.containsEntry("clientMessageId", "c1");
		assertThat(reply.json()).containsEntry("from", "AGENT").containsEntry("agentName", "Eve");
		assertThat(typing.json()).containsEntry("typing", true);
		assertThat(chat.recorded()).containsExactly(hello, typing, reply);
	}

	@Test
	void theCustomerMayWriteWhileWaitingButAnAgentOnlyWhenActive() {
		Chat chat = waiting();
		assertThat(chat.say(Party.CUSTOMER, "c1", "Anyone?", NOW).type()).isEqualTo(ChatEvent.Type.MESSAGE);
		assertThatThrownBy(() -> chat.say(Party.AGENT, "a1", "Hi", NOW)).isInstanceOf(ConflictException.class);
	}

	@Test
	void refusesMessagesAndTypingAfterItEnded() {
		Chat chat = active();
		assertThat(chat.end(Party.CUSTOMER, NOW)).isTrue();
		assertThat(chat.state()).isEqualTo(ChatState.ENDED);
		assertThat(chat.endedBy()).isEqualTo(Party.CUSTOMER);
		assertThat(chat.recorded()).last().satisfies(e -> assertThat(e.json()).containsEntry("endedBy", "CUSTOMER"));
		assertThatThrownBy(() -> chat.say(Party.CUSTOMER, "c9", "Wait", NOW)).isInstanceOf(ConflictException.class)
			.hasMessageContaining("ended");
		assertThatThrownBy(() -> chat.say(Party.AGENT, "a9", "Bye", NOW)).isInstanceOf(ConflictException.class);
		assertThatThrownBy(() -> chat.typing(Party.AGENT, true, NOW)).isInstanceOf(ConflictException.class);
	}

	@Test
	void endingTwiceChangesNothing() {
		Chat chat = active();
		chat.end(Party.AGENT, NOW);
		int events = chat.recorded().size();
		assertThat(chat.end(Party.SYSTEM, NOW.plusSeconds(1))).isFalse();
		assertThat(chat.endedBy()).isEqualTo(Party.AGENT);
		assertThat(chat.recorded()).hasSize(events);
	}

	@Test
	void aWaitingChatCanEnd() {
		Chat chat = waiting();
		assertThat(chat.end(Party.SYSTEM, NOW)).isTrue();
		assertThat(chat.queuePosition()).isNull();
		assertThatThrownBy(() -> chat.assign(AGENT, "Eve", NOW)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void tellsANewPositionOnlyWhenItChanged() {
		Chat chat = waiting();
		chat.clearRecorded();
		assertThat(chat.showPosition(new QueuePosition(3, 90, true), NOW)).isFalse();
		assertThat(chat.showPosition(new QueuePosition(2, 90, true), NOW)).isTrue();
		assertThat(chat.showPosition(new QueuePosition(2, 60, true), NOW)).isTrue();
		assertThat(chat.showPosition(new QueuePosition(2, null, true), NOW)).isTrue();
		assertThat(chat.showPosition(new QueuePosition(2, null, false), NOW)).as("nobody available now").isTrue();
		assertThat(chat.showPosition(new QueuePosition(2, null, false), NOW)).isFalse();
		assertThat(chat.recorded()).extracting(e -> e.data().get("queuePosition")).containsExactly(2, 2, 2, 2);
		assertThat(chat.recorded()).extracting(e -> e.data().get("agentsAvailable"))
			.containsExactly(true, true, true, false);
		chat.assign(AGENT, "Eve", NOW);
		assertThat(chat.showPosition(new QueuePosition(1, 10, true), NOW)).isFalse();
		assertThat(chat.recorded().getLast().data()).containsEntry("state", "ACTIVE").containsEntry("agentsAvailable", null);
	}

	@Test
	void checksMessagesAsSent() {
		assertThatThrownBy(() -> Chat.checkMessage("id", "")).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("text");
		assertThatThrownBy(() -> Chat.checkMessage("id", "x".repeat(4001))).hasMessageStartingWith("text");
		assertThatThrownBy(() -> Chat.checkMessage("id", "a\u0000b")).hasMessageStartingWith("text");
		assertThatThrownBy(() -> Chat.checkMessage(null, "hi")).hasMessageStartingWith("clientMessageId");
		assertThatThrownBy(() -> Chat.checkMessage("x".repeat(101), "hi")).hasMessageStartingWith("clientMessageId");
		Chat.checkMessage("id", "x".repeat(4000));
		Chat.checkMessage("id", "😀".repeat(4000));
		Chat.checkMessage("id", "<script>alert(1)</script>");
	}
}

package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.shared.ConflictException;
import io.parley.shared.InvalidInputException;
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
		chat.assign(AGENT, "Eve", NOW.plusSeconds(5), List.of());
		chat.clearRecorded();
		return chat;
	}

	@Test
	void startsQueuedAndTellsTheCustomerTheirPosition() {
		Chat chat = waiting();
		assertThat(chat.state()).isEqualTo(ChatState.QUEUED);
		assertThat(chat.recorded()).containsExactly(
				new ChatEvent.StateChanged(1, Instant.parse("2026-11-25T10:15:30.123456Z"), ChatState.QUEUED, 3, 90, true,
						null));
		assertThat(chat.unsaved()).singleElement().satisfies(entry -> {
			assertThat(entry.inLog()).isTrue();
			assertThat(entry.feedOf()).as("nobody's feed while it waits").isNull();
		});
	}

	@Test
	void becomesActiveWhenAssignedAndOnlyOnce() {
		Chat chat = waiting();
		chat.clearRecorded();
		ChatEvent.Message earlier = chat.say(Party.CUSTOMER, "c1", "Hello?", NOW);
		chat.clearRecorded();
		chat.assign(AGENT, "Eve", NOW, List.of(earlier));
		assertThat(chat.state()).isEqualTo(ChatState.ACTIVE);
		assertThat(chat.isHandledBy(AGENT)).isTrue();
		assertThat(chat.queuePosition()).isNull();
		assertThat(chat.unsaved()).containsExactly(
				new Chat.Recorded(new ChatEvent.Assigned(NOW, chat.pointOfContactId(), chat.preChat()), false, AGENT),
				new Chat.Recorded(earlier, false, AGENT),
				new Chat.Recorded(new ChatEvent.StateChanged(3, NOW, ChatState.ACTIVE, null, null, null, "Eve"), true,
						AGENT));
		assertThatThrownBy(() -> chat.assign(UUID.randomUUID(), "Other", NOW, List.of()))
			.isInstanceOf(IllegalStateException.class);
		assertThat(chat.isHandledBy(AGENT)).isTrue();
	}

	@Test
	void goesBackToTheQueueFromAGoneAgentTellingTheCustomerAndCanBeAssignedAgain() {
		Chat chat = active();
		chat.requeue(new QueuePosition(1, 30, true), NOW.plusSeconds(60));
		assertThat(chat.state()).isEqualTo(ChatState.QUEUED);
		assertThat(chat.isHandledBy(AGENT)).isFalse();
		assertThat(chat.agentName()).isNull();
		Instant at = NOW.plusSeconds(60);
		assertThat(chat.unsaved()).as("the gone agent is told, the customer's events go to nobody's feed").containsExactly(
				new Chat.Recorded(new ChatEvent.Unassigned(at, ChatEvent.Unassigned.Reason.AGENT_DISCONNECTED), false,
						AGENT),
				new Chat.Recorded(new ChatEvent.Message(3, at, Party.SYSTEM, Chat.REQUEUED_MESSAGE, null, null), true,
						null),
				new Chat.Recorded(new ChatEvent.StateChanged(4, at, ChatState.QUEUED, 1, 30, true, null), true, null));

		UUID next = UUID.randomUUID();
		chat.assign(next, "Bob", NOW.plusSeconds(90), List.of());
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
		ChatEvent.Message hello = chat.say(Party.CUSTOMER, "c1", "Hello", NOW);
		ChatEvent.Typing typing = chat.typing(Party.AGENT, true, NOW);
		ChatEvent.Message reply = chat.say(Party.AGENT, "a1", "Hi", NOW);
		assertThat(hello).isEqualTo(new ChatEvent.Message(before + 1, NOW, Party.CUSTOMER, "Hello", "c1", null));
		assertThat(typing).isEqualTo(new ChatEvent.Typing(before + 2, NOW, Party.AGENT, true));
		assertThat(reply).isEqualTo(new ChatEvent.Message(before + 3, NOW, Party.AGENT, "Hi", "a1", "Eve"));
		assertThat(chat.recorded()).containsExactly(hello, typing, reply);
		assertThat(chat.unsaved()).allSatisfy(entry -> assertThat(entry.feedOf()).isEqualTo(AGENT));
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
		assertThat(chat.recorded()).last().isEqualTo(new ChatEvent.Ended(chat.lastSeq(), NOW, Party.CUSTOMER));
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
		assertThatThrownBy(() -> chat.assign(AGENT, "Eve", NOW, List.of())).isInstanceOf(IllegalStateException.class);
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
		assertThat(chat.recorded()).extracting(e -> ((ChatEvent.StateChanged) e).queuePosition())
			.containsExactly(2, 2, 2, 2);
		assertThat(chat.recorded()).extracting(e -> ((ChatEvent.StateChanged) e).agentsAvailable())
			.containsExactly(true, true, true, false);
		chat.assign(AGENT, "Eve", NOW, List.of());
		assertThat(chat.showPosition(new QueuePosition(1, 10, true), NOW)).isFalse();
		assertThat(chat.recorded().getLast()).isInstanceOfSatisfying(ChatEvent.StateChanged.class,
				state -> assertThat(state.state()).isEqualTo(ChatState.ACTIVE));
		assertThat(((ChatEvent.StateChanged) chat.recorded().getLast()).agentsAvailable()).isNull();
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

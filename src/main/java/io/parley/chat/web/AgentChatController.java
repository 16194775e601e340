package io.parley.chat.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

import io.parley.shared.InvalidInputException;
import io.parley.shared.Violations;
import io.parley.accounts.Actor;
import io.parley.chat.AgentChat;
import io.parley.chat.AgentChats;
import io.parley.chat.AgentEvents;
import io.parley.chat.ChatEvent;
import io.parley.chat.ChatStatus;
import io.parley.chat.Transcript;
import io.parley.chat.web.ChatJson.MessageRequest;
import io.parley.chat.web.ChatJson.StatusRequest;
import io.parley.chat.web.ChatJson.TypingRequest;
import io.parley.routing.AgentPresence;

/** The agent's chat endpoints (role AGENT), and transcripts for admins and the agent who handled the chat. */
@RestController
class AgentChatController {

	private final AgentChats chats;

	AgentChatController(AgentChats chats) {
		this.chats = chats;
	}

	/** The open chats: {@code {"items": [...], "nextCursor": null, "cursor": "<feed cursor>"}}. */
	record ChatList(List<AgentChat> items, String nextCursor, String cursor) {
	}

	static final String PRESENCE = "status AVAILABLE or AWAY, activeChats, maxConcurrentChats, and awayReason:"
			+ " DISCONNECTED when Parley set the agent away because no console, stream or long poll of theirs was open"
			+ " for PARLEY_AGENT_DISCONNECT_GRACE (null when the agent chose the status). It stays until the agent"
			+ " chooses a status again; chats not yet requeued stay with them meanwhile.";

	@GetMapping("/api/v1/agent/status")
	@Operation(summary = "My status and load", description = PRESENCE)
	AgentPresence status(Actor agent) {
		return chats.presence(agent);
	}

	@PutMapping("/api/v1/agent/status")
	@Operation(summary = "Choose my status", description = "AVAILABLE takes new chats, AWAY keeps only the ones I have;"
			+ " clears any away reason. " + PRESENCE)
	AgentPresence changeStatus(Actor agent, @RequestBody StatusRequest request) {
		if (request.status() == null) {
			throw new InvalidInputException("status", "is required: AVAILABLE or AWAY");
		}
		return chats.changeStatus(agent, request.status());
	}

	@GetMapping("/api/v1/agent/chats")
	ChatList openChats(Actor agent) {
		AgentChats.AgentChatList list = chats.openChats(agent);
		return new ChatList(list.items(), null, list.cursor());
	}

	@GetMapping("/api/v1/agent/events")
	@Operation(summary = "My feed, by long poll", description = "My chats' events plus ASSIGNED (a chat is now mine)"
			+ " and UNASSIGNED (reason AGENT_DISCONNECTED: I was gone for PARLEY_AGENT_ABANDON_GRACE and the chat went"
			+ " back to the front of its queue). A waiting poll counts as being connected, and so does the time until"
			+ " the next poll, up to the disconnect grace.")
	ResponseEntity<AgentEvents> events(Actor agent, @RequestParam(required = false) String after,
			@RequestParam(required = false) Integer waitSeconds) {
		Violations violations = new Violations();
		WidgetChatController.checkWait(violations, waitSeconds);
		violations.throwIfAny();
		AgentEvents events = chats.events(agent, after, WidgetChatController.wait(waitSeconds));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(events);
	}

	@PostMapping("/api/v1/agent/chats/{chatId}/messages")
	ResponseEntity<ChatEvent.Message> say(Actor agent, @PathVariable UUID chatId,
			@RequestBody MessageRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(chats.say(agent, chatId, request.clientMessageId(), request.text()));
	}

	@PostMapping("/api/v1/agent/chats/{chatId}/typing")
	ResponseEntity<Void> typing(Actor agent, @PathVariable UUID chatId, @RequestBody TypingRequest request) {
		if (request.typing() == null) {
			throw new InvalidInputException("typing", "is required");
		}
		chats.typing(agent, chatId, request.typing());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/agent/chats/{chatId}/end")
	ChatStatus end(Actor agent, @PathVariable UUID chatId) {
		return chats.end(agent, chatId);
	}

	@GetMapping("/api/v1/chats/{chatId}/transcript")
	Transcript transcript(Actor reader, @PathVariable UUID chatId) {
		return chats.transcript(reader, chatId);
	}
}

package io.parley.console;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import io.parley.shared.InvalidInputException;
import io.parley.shared.Violations;
import io.parley.accounts.Actor;
import io.parley.chat.AgentChats;
import io.parley.chat.AgentEvents;
import io.parley.chat.ChatEvent;
import io.parley.chat.ChatStatus;
import io.parley.chat.Transcript;
import io.parley.routing.AgentPresence;
import io.parley.routing.AgentStatus;

/**
 * The agent console: one page whose script lists the agent's chats, follows their feed over the WebSocket at
 * {@code /console/agent/stream} (the chat module serves it; the login session authenticates it) or, where sockets do
 * not get through, by long poll, and writes, types and ends through the JSON endpoints below. They are the agent API's operations (the chat module's
 * {@link AgentChats}) behind the console's session and CSRF token, since a browser holds no API credentials. What they
 * refuse is answered as a JSON problem, as the agent API does, by {@link ConsoleAdvice}.
 */
@Controller
class AgentPages {

	/** The longest a feed request waits for something to happen. */
	static final int WAIT_MAX_SECONDS = 25;

	private final AgentChats chats;

	AgentPages(AgentChats chats) {
		this.chats = chats;
	}

	@GetMapping("/console/agent")
	String page(Actor agent, Model model) {
		model.addAttribute("presence", chats.presence(agent));
		return "console/agent";
	}

	@GetMapping("/console/agent/api/status")
	@ResponseBody
	AgentPresence status(Actor agent) {
		return chats.presence(agent);
	}

	/** What the status switch sends. */
	record StatusRequest(AgentStatus status) {
	}

	@PostMapping(path = "/console/agent/api/status", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	AgentPresence changeStatus(Actor agent, @RequestBody StatusRequest request) {
		if (request == null || request.status() == null) {
			throw new InvalidInputException("status", "is required: AVAILABLE or AWAY");
		}
		return chats.changeStatus(agent, request.status());
	}

	@GetMapping("/console/agent/api/chats")
	@ResponseBody
	AgentChats.AgentChatList openChats(Actor agent) {
		return chats.openChats(agent);
	}

	@GetMapping("/console/agent/api/events")
	ResponseEntity<AgentEvents> events(Actor agent, @RequestParam(required = false) String after,
			@RequestParam(defaultValue = "0") int waitSeconds) {
		if (waitSeconds < 0 || waitSeconds > WAIT_MAX_SECONDS) {
			throw new InvalidInputException("waitSeconds", "must be between 0 and " + WAIT_MAX_SECONDS);
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(chats.events(agent, after, Duration.ofSeconds(waitSeconds)));
	}

	@GetMapping("/console/agent/api/chats/{chatId}/transcript")
	@ResponseBody
	Transcript transcript(Actor agent, @PathVariable UUID chatId) {
		return chats.transcript(agent, chatId);
	}

	/** A message as the composer sends it; the id makes a retry after a lost answer harmless. */
	record MessageRequest(String clientMessageId, String text) {
	}

	@PostMapping(path = "/console/agent/api/chats/{chatId}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ChatEvent.Message> say(Actor agent, @PathVariable UUID chatId,
			@RequestBody MessageRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(chats.say(agent, chatId, request.clientMessageId(), request.text()));
	}

	/** Whether the agent is typing. */
	record TypingRequest(Boolean typing) {
	}

	@PostMapping(path = "/console/agent/api/chats/{chatId}/typing", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> typing(Actor agent, @PathVariable UUID chatId, @RequestBody TypingRequest request) {
		Violations violations = new Violations();
		violations.required("typing", request.typing());
		violations.throwIfAny();
		chats.typing(agent, chatId, request.typing());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/console/agent/api/chats/{chatId}/end")
	@ResponseBody
	ChatStatus end(Actor agent, @PathVariable UUID chatId) {
		return chats.end(agent, chatId);
	}
}

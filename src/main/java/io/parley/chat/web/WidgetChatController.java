package io.parley.chat.web;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.parley.http.Problem;
import io.parley.shared.InvalidInputException;
import io.parley.shared.NotFoundException;
import io.parley.shared.Violations;
import io.parley.accounts.BearerToken;
import io.parley.accounts.ClientAddresses;
import io.parley.chat.ChatEvent;
import io.parley.chat.ChatStatus;
import io.parley.chat.CustomerChats;
import io.parley.chat.SendingTooFast;
import io.parley.chat.StartedChat;
import io.parley.chat.TooManyChatStarts;
import io.parley.chat.web.ChatJson.Events;
import io.parley.chat.web.ChatJson.MessageRequest;
import io.parley.chat.web.ChatJson.StartRequest;
import io.parley.chat.web.ChatJson.TypingRequest;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The customer's chat endpoints the widget calls. Starting needs nothing; everything else needs the chat's token as
 * {@code Authorization: Bearer <token>}. Nothing here may be cached: answers carry a token or live state.
 */
@RestController
class WidgetChatController {

	static final int MAX_WAIT_SECONDS = 30;

	private final CustomerChats chats;
	private final ClientAddresses clientAddresses;

	WidgetChatController(CustomerChats chats, ClientAddresses clientAddresses) {
		this.chats = chats;
		this.clientAddresses = clientAddresses;
	}

	@PostMapping("/widget/v1/points-of-contact/{pointOfContactId}/chats")
	ResponseEntity<StartedChat> start(@PathVariable String pointOfContactId,
			@RequestBody(required = false) StartRequest request, HttpServletRequest http) {
		// A malformed id is as unknown as any other, as for the widget's configuration.
		UUID id;
		try {
			id = UUID.fromString(pointOfContactId);
		}
		catch (IllegalArgumentException e) {
			throw new NotFoundException("No active point of contact " + pointOfContactId);
		}
		StartedChat started = chats.start(id, request == null ? null : request.preChat(), clientAddresses.of(http));
		return ResponseEntity.created(URI.create("/widget/v1/chats/" + started.chatId()))
			.cacheControl(CacheControl.noStore())
			.body(started);
	}

	@GetMapping("/widget/v1/chats/{chatId}")
	ResponseEntity<ChatStatus> status(@PathVariable UUID chatId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return noStore(HttpStatus.OK, chats.status(chatId, token(authorization)));
	}

	@PostMapping("/widget/v1/chats/{chatId}/messages")
	ResponseEntity<ChatEvent.Message> say(@PathVariable UUID chatId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody MessageRequest request, HttpServletRequest http) {
		return noStore(HttpStatus.CREATED, chats.say(chatId, token(authorization), request.clientMessageId(),
				request.text(), clientAddresses.of(http)));
	}

	@PostMapping("/widget/v1/chats/{chatId}/typing")
	ResponseEntity<Void> typing(@PathVariable UUID chatId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody TypingRequest request, HttpServletRequest http) {
		String token = token(authorization);
		if (request.typing() == null) {
			throw new InvalidInputException("typing", "is required");
		}
		chats.typing(chatId, token, request.typing(), clientAddresses.of(http));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/widget/v1/chats/{chatId}/events")
	ResponseEntity<Events> events(@PathVariable UUID chatId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(required = false) Long after, @RequestParam(required = false) Integer waitSeconds) {
		String token = token(authorization);
		Violations violations = new Violations();
		if (after != null && after < 0) {
			violations.add("after", "must be a seq, 0 or more");
		}
		checkWait(violations, waitSeconds);
		violations.throwIfAny();
		return noStore(HttpStatus.OK, new Events(chats.events(chatId, token, after == null ? 0 : after, wait(waitSeconds))));
	}

	@PostMapping("/widget/v1/chats/{chatId}/end")
	ResponseEntity<ChatStatus> end(@PathVariable UUID chatId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return noStore(HttpStatus.OK, chats.end(chatId, token(authorization)));
	}

	@ExceptionHandler(TooManyChatStarts.class)
	ResponseEntity<ProblemDetail> tooMany(TooManyChatStarts e) {
		long seconds = seconds(e.retryAfter());
		return tooManyRequests("too-many-chats", "Too many chats", "Too many chats were started from your"
				+ " connection. Please wait " + seconds + (seconds == 1 ? " second" : " seconds") + " and try again.",
				seconds);
	}

	/** Sent faster than a person types: the widget shows the detail and sends again after Retry-After. */
	@ExceptionHandler(SendingTooFast.class)
	ResponseEntity<ProblemDetail> tooFast(SendingTooFast e) {
		long seconds = seconds(e.retryAfter());
		return e.kind() == SendingTooFast.Kind.MESSAGES
				? tooManyRequests("too-many-messages", "Too many messages", "You are sending messages faster than we"
						+ " pass them on. Your messages are kept and sent in order.", seconds)
				: tooManyRequests("too-many-typing-events", "Too many typing events", "Typing events are sent too"
						+ " often: wait " + seconds + (seconds == 1 ? " second" : " seconds") + ".", seconds);
	}

	/** A wait in whole seconds for Retry-After: rounded up, at least one. */
	private static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

	private static ResponseEntity<ProblemDetail> tooManyRequests(String type, String title, String detail,
			long seconds) {
		Problem problem = Problem.of(HttpStatus.TOO_MANY_REQUESTS, title, detail).type(type)
			.with("retryAfterSeconds", seconds);
		return problem.response()
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.cacheControl(CacheControl.noStore())
			.body(problem.detail());
	}

	@ExceptionHandler(MissingChatToken.class)
	ResponseEntity<ProblemDetail> missingToken(MissingChatToken e) {
		Problem problem = Problem.of(HttpStatus.UNAUTHORIZED, "Unauthorized",
				"Send the chat's token as Authorization: Bearer <token>.");
		return problem.response().header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").body(problem.detail());
	}

	static void checkWait(Violations violations, Integer waitSeconds) {
		if (waitSeconds != null && (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS)) {
			violations.add("waitSeconds", "must be between 0 and " + MAX_WAIT_SECONDS);
		}
	}

	static Duration wait(Integer waitSeconds) {
		return Duration.ofSeconds(waitSeconds == null ? 0 : waitSeconds);
	}

	private static <T> ResponseEntity<T> noStore(HttpStatus status, T body) {
		return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
	}

	/** The token of {@code Authorization: Bearer <token>}. */
	private static String token(String authorization) {
		return BearerToken.of(authorization).orElseThrow(MissingChatToken::new);
	}

	/** A customer endpoint was called without the chat's token. */
	static class MissingChatToken extends RuntimeException {

		MissingChatToken() {
			super("No chat token");
		}
	}
}

package org.progjar.chat.message;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.session.Caller;
import org.progjar.chat.support.Page;
import org.progjar.chat.support.Parameters;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The REST twin of {@link MessageCommands}, plus the conversation history TCP does not have. */
@RestController
class MessageController {

	private final MessageService messages;

	MessageController(MessageService messages) {
		this.messages = messages;
	}

	// POST /api/messages {"to","message"}  ->  201 the stored message
	@PostMapping("/api/messages")
	@ResponseStatus(HttpStatus.CREATED)
	MessageView send(Caller caller, @RequestBody Outgoing body) {
		DirectMessageView sent = this.messages.send(caller, required("to", body.to()),
				required("message", body.message()));
		return MessageView.of(sent);
	}

	// POST /api/inbox  ->  {"messages":{"<sender username>":[{"msg_from","msg_to","msg","id"}]}}, as TCP inbox
	// A POST because it delivers: the messages it returns are not returned again.
	@PostMapping("/api/inbox")
	Inbox inbox(Caller caller) {
		Map<String, List<InboxItem>> bySender = new LinkedHashMap<>();
		this.messages.inbox(caller)
			.forEach((sender, entries) -> bySender.put(sender, entries.stream().map(InboxItem::of).toList()));
		return new Inbox(bySender);
	}

	// GET /api/messages?with=U&before=ID&limit=N  ->  {"messages":[...newest first], "next": ID}
	// Delivers nothing. "next" is the before= of the following page; a short page is the last and has none.
	@GetMapping("/api/messages")
	Conversation conversation(Caller caller, @RequestParam(required = false) @Nullable String with,
			@RequestParam(required = false) @Nullable String before,
			@RequestParam(required = false) @Nullable String limit) {
		if (with == null || with.isEmpty()) {
			throw new ChatException(ErrorCode.MISSING_PARAMETER, "Parameter [with] is required");
		}
		Long beforeId = Parameters.wholeNumber("before", before, 1);
		Long requested = Parameters.wholeNumber("limit", limit, 1);
		int size = Page.size((requested != null) ? (int) Math.min(requested, Page.MAX_SIZE) : 0);
		List<MessageView> page = this.messages.conversation(caller, with, beforeId, size)
			.stream()
			.map(MessageView::of)
			.toList();
		return new Conversation(page, (page.size() == size) ? page.getLast().id() : null);
	}

	/** Absent and empty are the same refusal, as a missing TCP parameter is. */
	private static String required(String field, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			throw new ChatException(ErrorCode.MISSING_PARAMETER, "Field [" + field + "] is required");
		}
		return value;
	}

	record Outgoing(@Nullable String to, @Nullable String message) {
	}

	record MessageView(long id, String from, String fromName, String to, String toName, String message,
			Instant sentAt) {

		static MessageView of(DirectMessageView message) {
			return new MessageView(message.id(), message.from(), message.fromName(), message.to(), message.toName(),
					message.text(), message.sentAt());
		}

	}

	record Inbox(Map<String, List<InboxItem>> messages) {
	}

	/** The keys TCP {@code inbox} uses, so a client reads both the same way. */
	record InboxItem(@JsonProperty("msg_from") String from, @JsonProperty("msg_to") String to,
			@JsonProperty("msg") String text, long id) {

		static InboxItem of(InboxEntry entry) {
			return new InboxItem(entry.fromName(), entry.toName(), entry.text(), entry.id());
		}

	}

	record Conversation(List<MessageView> messages, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long next) {
	}

}

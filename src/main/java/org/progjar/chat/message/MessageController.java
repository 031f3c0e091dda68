package org.progjar.chat.message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.progjar.chat.ratelimit.CountedAsMessage;
import org.progjar.chat.session.Caller;
import org.progjar.chat.support.Paged;
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
	@CountedAsMessage
	@ResponseStatus(HttpStatus.CREATED)
	DirectMessageView send(Caller caller, @RequestBody Outgoing body) {
		return this.messages.send(caller, Parameters.required("to", body.to()), Parameters.required("message", body.message()));
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
		Parameters.required("with", with);
		Long beforeId = Parameters.wholeNumber("before", before, 1);
		Paged<DirectMessageView> page = this.messages.conversation(caller, with, beforeId,
				Parameters.wholeNumber("limit", limit, 1));
		return new Conversation(page.items(), page.next());
	}

	record Outgoing(@Nullable String to, @Nullable String message) {
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

	record Conversation(List<DirectMessageView> messages, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long next) {
	}

}

package org.progjar.chat.message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.progjar.chat.protocol.Command;
import org.progjar.chat.protocol.CommandContext;
import org.progjar.chat.protocol.CommandSet;
import org.progjar.chat.protocol.Reply;
import org.progjar.chat.support.Paged;
import org.progjar.chat.support.Parameters;
import org.springframework.stereotype.Component;

@Component
class MessageCommands implements CommandSet {

	private final MessageService messages;

	MessageCommands(MessageService messages) {
		this.messages = messages;
	}

	@Override
	public List<Command> commands() {
		return List.of(Command.pipelined("send", this::send, "destination", "message").countedAsMessage(),
				Command.authenticated("inbox", this::inbox), Command.authenticated("inbox_listen", this::inboxListen),
				Command.authenticated("history", this::history, "with"));
	}

	// send session=T&destination=U&message=M
	private CompletableFuture<Reply> send(CommandContext context) {
		return this.messages.sendLater(context.caller(), context.param("destination"), context.param("message"))
			.thenApply((sent) -> Reply.ok().with("message", "Message Sent").with("user", sent.to()).with("id", sent.id()));
	}

	// inbox session=T  ->  {"messages":{"<sender username>":[{"msg_from","msg_to","msg"}, ...]}}
	private Reply inbox(CommandContext context) {
		return inboxReply(this.messages.inbox(context.caller()));
	}

	// inbox_listen session=T  ->  as inbox; then this connection receives the user's direct messages as
	// {"status":"OK","type":"direct",...} events (the transport registers it, see InboxListenerAdded)
	private Reply inboxListen(CommandContext context) {
		return inboxReply(this.messages.listen(context.caller()));
	}

	private static Reply inboxReply(Map<String, List<InboxEntry>> inbox) {
		Map<String, List<Map<String, Object>>> bySender = new LinkedHashMap<>();
		inbox.forEach((sender, entries) -> bySender.put(sender, entries.stream().map(MessageCommands::entry).toList()));
		return Reply.ok().with("messages", bySender);
	}

	// history session=T&with=U[&before=ID][&limit=N]  ->  {"messages":[{id,from,fromName,to,toName,message,sentAt}, ...],"next":ID}
	// Newest first and delivers nothing. "next" is the before= of the following page; a page
	// shorter than asked for is the last one and has no "next".
	private Reply history(CommandContext context) {
		Long before = Parameters.wholeNumber("before", context.request().param("before"), 1);
		Long limit = Parameters.wholeNumber("limit", context.request().param("limit"), 1);
		Paged<DirectMessageView> page = this.messages.conversation(context.caller(), context.param("with"), before, limit);
		Reply reply = Reply.ok().with("messages", page.items().stream().map(MessageCommands::historyEntry).toList());
		return (page.next() != null) ? reply.with("next", page.next()) : reply;
	}

	private static Map<String, Object> historyEntry(DirectMessageView message) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", message.id());
		fields.put("from", message.from());
		fields.put("fromName", message.fromName());
		fields.put("to", message.to());
		fields.put("toName", message.toName());
		fields.put("message", message.message());
		fields.put("sentAt", message.sentAt().toString());
		return fields;
	}

	private static Map<String, Object> entry(InboxEntry entry) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("msg_from", entry.fromName());
		fields.put("msg_to", entry.toName());
		fields.put("msg", entry.text());
		fields.put("id", entry.id());
		return fields;
	}

}

package org.progjar.chat.message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.progjar.chat.protocol.Command;
import org.progjar.chat.protocol.CommandContext;
import org.progjar.chat.protocol.CommandSet;
import org.progjar.chat.protocol.Reply;
import org.springframework.stereotype.Component;

@Component
class MessageCommands implements CommandSet {

	private final MessageService messages;

	MessageCommands(MessageService messages) {
		this.messages = messages;
	}

	@Override
	public List<Command> commands() {
		return List.of(Command.authenticated("send", this::send, "destination", "message"),
				Command.authenticated("inbox", this::inbox));
	}

	// send session=T&destination=U&message=M
	private Reply send(CommandContext context) {
		DirectMessageView sent = this.messages.send(context.caller(), context.param("destination"), context.param("message"));
		return Reply.ok().with("message", "Message Sent").with("user", sent.to()).with("id", sent.id());
	}

	// inbox session=T  ->  {"messages":{"<sender username>":[{"msg_from","msg_to","msg"}, ...]}}
	private Reply inbox(CommandContext context) {
		Map<String, List<Map<String, Object>>> bySender = new LinkedHashMap<>();
		this.messages.inbox(context.caller())
			.forEach((sender, entries) -> bySender.put(sender, entries.stream().map(MessageCommands::entry).toList()));
		return Reply.ok().with("messages", bySender);
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

package org.progjar.chat.room;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.progjar.chat.file.FileContent;
import org.progjar.chat.file.FileName;
import org.progjar.chat.protocol.Base64Payload;
import org.progjar.chat.protocol.Command;
import org.progjar.chat.protocol.CommandContext;
import org.progjar.chat.protocol.CommandSet;
import org.progjar.chat.protocol.Reply;
import org.progjar.chat.support.Paged;
import org.progjar.chat.support.Parameters;
import org.springframework.stereotype.Component;

@Component
class RoomCommands implements CommandSet {

	private final RoomService rooms;

	private final RoomFileService files;

	private final RoomDirectory directory;

	RoomCommands(RoomService rooms, RoomFileService files, RoomDirectory directory) {
		this.rooms = rooms;
		this.files = files;
		this.directory = directory;
	}

	@Override
	public List<Command> commands() {
		return List.of(Command.authenticated("room_join", this::join, "roomname"),
				Command.pipelined("room_chat", this::chat, "message").countedAsMessage(),
				Command.authenticated("room_send_file", this::sendFile, "filename", "payload")
					.countedAsMessage(),
				Command.authenticated("room_get_file", this::getFile, "filename"),
				Command.authenticated("room_leave", this::leave),
				Command.authenticated("room_history", this::history, "roomname"),
				Command.authenticated("room_list", this::list),
				Command.authenticated("room_members", this::members, "roomname"));
	}

	// room_join session=T&roomname=R
	private Reply join(CommandContext context) {
		JoinedRoom joined = this.rooms.join(context.caller(), context.param("roomname"), Attendance.WHILE_CONNECTED);
		return Reply.ok()
			.with("messages", "Joined room " + joined.room())
			.with("users", joined.members())
			.with("room", joined.room());
	}

	// room_chat session=T&message=M
	private CompletableFuture<Reply> chat(CommandContext context) {
		return this.rooms.chatLater(context.caller(), context.param("message"))
			.thenApply((posted) -> Reply.ok().with("messages", "Message sent").with("room", posted.room())
				.with("seq", posted.seq()));
	}

	// room_send_file session=T&filename=F&payload=BASE64
	private Reply sendFile(CommandContext context) {
		FileName name = new FileName(context.param("filename"));
		this.files.share(context.caller(), name, Base64Payload.decode(context.param("payload")));
		return Reply.ok().with("messages", "File " + name.value() + " shared");
	}

	// room_get_file session=T&filename=F
	private Reply getFile(CommandContext context) {
		FileContent file = this.files.get(context.caller(), new FileName(context.param("filename")));
		return Reply.ok().with("name", file.name()).with("payload", Base64Payload.encode(file.bytes()));
	}

	// room_leave session=T
	private Reply leave(CommandContext context) {
		String room = this.rooms.leave(context.caller());
		return Reply.ok().with("messages", "Left room " + room).with("room", room);
	}

	// room_history session=T&roomname=R[&after=SEQ][&limit=N]
	//   ->  {"room":R,"messages":[{seq,username,display,messages,sentAt}, ...],"next":SEQ}
	// Oldest first, for members only. Entries carry the broadcast's keys (without "type": they are
	// not events). "next" is the after= of the following page; a short page is the last and has none.
	private Reply history(CommandContext context) {
		String room = context.param("roomname").strip();
		Long after = Parameters.wholeNumber("after", context.request().param("after"), 0);
		Long limit = Parameters.wholeNumber("limit", context.request().param("limit"), 1);
		Paged<RoomMessagePosted> page = this.directory.history(context.caller(), room, after, limit);
		Reply reply = Reply.ok()
			.with("room", room)
			.with("messages", page.items().stream().map(RoomCommands::entry).toList());
		return (page.next() != null) ? reply.with("next", page.next()) : reply;
	}

	// room_list session=T  ->  {"rooms":[{"name":R,"members":N}, ...]}
	private Reply list(CommandContext context) {
		List<Map<String, Object>> rooms = this.directory.rooms().stream().map((summary) -> {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("name", summary.name());
			fields.put("members", summary.members());
			return fields;
		}).toList();
		return Reply.ok().with("rooms", rooms);
	}

	// room_members session=T&roomname=R  ->  {"room":R,"users":["<member name>", ...]}
	private Reply members(CommandContext context) {
		String room = context.param("roomname").strip();
		return Reply.ok().with("room", room).with("users", this.directory.members(room));
	}

	private static Map<String, Object> entry(RoomMessagePosted message) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("seq", message.seq());
		fields.put("username", message.senderUsername());
		fields.put("display", message.senderName());
		fields.put("messages", message.text());
		fields.put("sentAt", message.sentAt().toString());
		return fields;
	}

}

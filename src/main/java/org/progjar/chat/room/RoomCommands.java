package org.progjar.chat.room;

import java.util.List;

import org.progjar.chat.file.FileContent;
import org.progjar.chat.file.FileName;
import org.progjar.chat.protocol.Base64Payload;
import org.progjar.chat.protocol.Command;
import org.progjar.chat.protocol.CommandContext;
import org.progjar.chat.protocol.CommandSet;
import org.progjar.chat.protocol.Reply;
import org.springframework.stereotype.Component;

@Component
class RoomCommands implements CommandSet {

	private final RoomService rooms;

	private final RoomFileService files;

	RoomCommands(RoomService rooms, RoomFileService files) {
		this.rooms = rooms;
		this.files = files;
	}

	@Override
	public List<Command> commands() {
		return List.of(Command.authenticated("room_join", this::join, "roomname"),
				Command.authenticated("room_chat", this::chat, "message"),
				Command.authenticated("room_send_file", this::sendFile, "filename", "payload"),
				Command.authenticated("room_get_file", this::getFile, "filename"),
				Command.authenticated("room_leave", this::leave));
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
	private Reply chat(CommandContext context) {
		RoomMessagePosted posted = this.rooms.chat(context.caller(), context.param("message"));
		return Reply.ok().with("messages", "Message sent").with("room", posted.room()).with("seq", posted.seq());
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

}

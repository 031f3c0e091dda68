package org.progjar.chat.file;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.progjar.chat.protocol.Base64Payload;
import org.progjar.chat.protocol.Command;
import org.progjar.chat.protocol.CommandContext;
import org.progjar.chat.protocol.CommandSet;
import org.progjar.chat.protocol.Reply;
import org.springframework.stereotype.Component;

@Component
class FileCommands implements CommandSet {

	private final FileService files;

	private final JsonMapper json;

	FileCommands(FileService files, JsonMapper json) {
		this.files = files;
		this.json = json;
	}

	@Override
	public List<Command> commands() {
		return List.of(
				Command.authenticated("file_send", this::send, "username", "filename", "payload").countedAsMessage(),
				Command.authenticated("file_list", this::list),
				Command.authenticated("file_get", this::get, "filename"));
	}

	// file_send session=T&username=RECIPIENT&filename=F&payload=BASE64
	private Reply send(CommandContext context) {
		FileName name = new FileName(context.param("filename"));
		this.files.send(context.caller(), context.param("username"), name, Base64Payload.decode(context.param("payload")));
		return Reply.ok().with("message", name.value());
	}

	// file_list session=T  ->  "file" is a string holding a JSON array, as the original's json.dumps(list)
	private Reply list(CommandContext context) {
		List<String> names = this.files.list(context.caller()).stream().map(FileInfo::name).toList();
		return Reply.ok().with("file", this.json.writeValueAsString(names)).with("files", names);
	}

	// file_get session=T&filename=F
	private Reply get(CommandContext context) {
		FileContent file = this.files.get(context.caller(), new FileName(context.param("filename")));
		return Reply.ok().with("name", file.name()).with("payload", Base64Payload.encode(file.bytes()));
	}

}

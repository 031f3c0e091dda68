package org.progjar.chat.user;

import java.util.List;

import org.progjar.chat.protocol.Command;
import org.progjar.chat.protocol.CommandContext;
import org.progjar.chat.protocol.CommandSet;
import org.progjar.chat.protocol.Reply;
import org.springframework.stereotype.Component;

@Component
class UserCommands implements CommandSet {

	private final UserService users;

	UserCommands(UserService users) {
		this.users = users;
	}

	@Override
	public List<Command> commands() {
		return List.of(Command.open("register", this::register, "username", "password", "name", "nationality"));
	}

	// register username=U&password=P&name=N&nationality=X
	private Reply register(CommandContext context) {
		UserProfile user = this.users.register(context.param("username"), context.param("password"),
				context.param("name"), context.param("nationality"));
		return Reply.ok()
			.with("username", user.username())
			.with("name", user.displayName())
			.with("nationality", user.nationality());
	}

}

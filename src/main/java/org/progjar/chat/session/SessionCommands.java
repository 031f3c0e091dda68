package org.progjar.chat.session;

import java.util.List;

import org.progjar.chat.protocol.Command;
import org.progjar.chat.protocol.CommandContext;
import org.progjar.chat.protocol.CommandSet;
import org.progjar.chat.protocol.Reply;
import org.springframework.stereotype.Component;

@Component
class SessionCommands implements CommandSet {

	private final SessionService sessions;

	SessionCommands(SessionService sessions) {
		this.sessions = sessions;
	}

	@Override
	public List<Command> commands() {
		return List.of(Command.login("auth", this::auth, "username", "password"),
				Command.authenticated("logout", this::logout));
	}

	// auth username=U&password=P
	private Reply auth(CommandContext context) {
		String token = this.sessions.login(context.param("username"), context.param("password"),
				context.client());
		return Reply.ok().with("tokenid", token);
	}

	// logout session=T
	private Reply logout(CommandContext context) {
		this.sessions.logout(context.caller());
		return Reply.ok().with("message", "Logged out");
	}

}

package org.progjar.chat.protocol;

import java.util.List;

/**
 * One row of the command table: the name, what must hold before the handler runs, and the
 * handler. The dispatcher checks the preconditions in one place for every command.
 * @param name the command word
 * @param needsSession whether a valid {@code session} token is required
 * @param required parameters that must be present and not empty
 * @param handler what the command does
 * @param message whether it delivers something to other people, and so also counts against the
 * stricter messages limit of flood control
 * @param logsIn whether succeeding logs the connection in, as using a valid session does
 */
public record Command(String name, boolean needsSession, List<String> required, CommandHandler handler,
		boolean message, boolean logsIn) {

	/** A command anyone may send. */
	public static Command open(String name, CommandHandler handler, String... required) {
		return new Command(name, false, List.of(required), handler, false, false);
	}

	/** A command anyone may send that opens a session when it succeeds. */
	public static Command login(String name, CommandHandler handler, String... required) {
		return new Command(name, false, List.of(required), handler, false, true);
	}

	/** A command that needs a logged-in session, given as the {@code session} parameter. */
	public static Command authenticated(String name, CommandHandler handler, String... required) {
		return new Command(name, true, List.of(required), handler, false, false);
	}

	/** This command, counted against the messages limit as well. */
	public Command countedAsMessage() {
		return new Command(this.name, this.needsSession, this.required, this.handler, true, this.logsIn);
	}

}

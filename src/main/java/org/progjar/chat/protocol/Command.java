package org.progjar.chat.protocol;

import java.util.List;
import java.util.concurrent.CompletableFuture;

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
 * @param pipelined whether the connection's next request may be read while this one is stored;
 * see {@link #pipelined(String, PipelinedHandler, String...)}
 */
public record Command(String name, boolean needsSession, List<String> required, PipelinedHandler handler,
		boolean message, boolean logsIn, boolean pipelined) {

	/** A command anyone may send. */
	public static Command open(String name, CommandHandler handler, String... required) {
		return new Command(name, false, List.of(required), answered(handler), false, false, false);
	}

	/** A command anyone may send that opens a session when it succeeds. */
	public static Command login(String name, CommandHandler handler, String... required) {
		return new Command(name, false, List.of(required), answered(handler), false, true, false);
	}

	/** A command that needs a logged-in session, given as the {@code session} parameter. */
	public static Command authenticated(String name, CommandHandler handler, String... required) {
		return new Command(name, true, List.of(required), answered(handler), false, false, false);
	}

	/**
	 * A command that needs a logged-in session and whose reply may come later: while what it
	 * stores waits for the group commit, the connection's next requests are read, so that one
	 * client's messages are stored together. Only for a command that changes nothing another
	 * pipelined command checks (posting a message changes no session, membership or account):
	 * every other command first waits for the replies before it, and replies keep request order.
	 */
	public static Command pipelined(String name, PipelinedHandler handler, String... required) {
		return new Command(name, true, List.of(required), handler, false, false, true);
	}

	/** This command, counted against the messages limit as well. */
	public Command countedAsMessage() {
		return new Command(this.name, this.needsSession, this.required, this.handler, true, this.logsIn,
				this.pipelined);
	}

	private static PipelinedHandler answered(CommandHandler handler) {
		return (context) -> CompletableFuture.completedFuture(handler.handle(context));
	}

}

package org.progjar.chat.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.error.RateLimitedException;
import org.progjar.chat.ratelimit.RateKey;
import org.progjar.chat.ratelimit.RateLimiter;
import org.progjar.chat.ratelimit.Scope;
import org.progjar.chat.ratelimit.Surface;
import org.progjar.chat.session.Caller;
import org.progjar.chat.session.SessionService;
import org.progjar.chat.session.TokenHash;
import org.springframework.stereotype.Component;

/**
 * The command table. Turns one framed message into exactly one reply: parses it, finds the
 * command, checks its preconditions (within the rate limits, parameters present, session valid)
 * and runs it. Every failure becomes an ERROR reply here and nowhere else, so a bad request never
 * costs the connection. A pipelined command's reply may come later (see {@link Command}); any
 * other command runs once the connection's earlier replies are written.
 */
@Component
class CommandDispatcher {

	private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

	private static final String SESSION = "session";

	/** Seconds to wait before a refused request is worth sending again, as HTTP's Retry-After. */
	private static final String RETRY_AFTER = "retryAfter";

	private final Map<String, Command> commands = new HashMap<>();

	private final RequestParser parser;

	private final SessionService sessions;

	private final RateLimiter limiter;

	CommandDispatcher(List<CommandSet> commandSets, SessionService sessions, RateLimiter limiter,
			TcpSettings settings) {
		for (CommandSet set : commandSets) {
			for (Command command : set.commands()) {
				if (this.commands.putIfAbsent(command.name(), command) != null) {
					throw new IllegalStateException("Command " + command.name() + " is declared twice");
				}
			}
		}
		this.parser = new RequestParser(settings.maxParameters());
		this.sessions = sessions;
		this.limiter = limiter;
	}

	/**
	 * Flood control first, so that a refused request costs no parsing beyond its session
	 * parameter and no database look-up: every message counts against its connection, an
	 * authenticated command against its session too, and a message command against both again.
	 */
	Outcome dispatch(byte[] message, ClientConnection from) {
		boolean loggedIn = false;
		try {
			RateKey connection = RateKey.connection(from.id());
			this.limiter.check(Surface.TCP, Scope.COMMANDS, connection);
			Request request = this.parser.parse(message);
			Command command = this.commands.get(request.command());
			if (command == null) {
				throw new ChatException(ErrorCode.UNKNOWN_COMMAND, unknownCommand(request.command()));
			}
			command.required().forEach((name) -> required(request, name));
			Caller caller = null;
			if (command.needsSession()) {
				TokenHash token = TokenHash.of(required(request, SESSION));
				RateKey session = RateKey.session(token);
				this.limiter.check(Surface.TCP, Scope.COMMANDS, session);
				if (command.message()) {
					this.limiter.check(Surface.TCP, Scope.MESSAGES, connection);
					this.limiter.check(Surface.TCP, Scope.MESSAGES, session);
				}
				caller = this.sessions.authenticate(token);
				loggedIn = true;
			}
			if (!command.pipelined()) {
				// It sees everything the connection's earlier requests stored.
				from.awaitReplies();
			}
			CompletableFuture<Reply> reply = command.handler()
				.handle(new CommandContext(request, caller, from.address()))
				.exceptionally(CommandDispatcher::failure);
			// Only a command answered at once logs in (auth); a pipelined one needs a session anyway.
			boolean opened = command.logsIn() && reply.isDone() && reply.join().isOk();
			return new Outcome(reply, loggedIn || opened);
		}
		catch (RuntimeException ex) {
			return new Outcome(CompletableFuture.completedFuture(failure(ex)), loggedIn);
		}
	}

	private static Reply failure(Throwable failure) {
		Throwable ex = (failure instanceof CompletionException wrapped && wrapped.getCause() != null)
				? wrapped.getCause() : failure;
		if (ex instanceof RateLimitedException limited) {
			return Reply.error(limited.code(), limited.detail()).with(RETRY_AFTER, limited.retryAfterSeconds());
		}
		if (ex instanceof ChatException refused) {
			return Reply.error(refused.code(), refused.detail());
		}
		log.error("Request failed", ex);
		return Reply.error(ErrorCode.INTERNAL_ERROR, "The server could not complete the request");
	}

	/**
	 * The reply, which a pipelined command completes later, and whether the request logged its
	 * connection in: it used a valid session (even if the command then failed) or opened one.
	 */
	record Outcome(CompletableFuture<Reply> reply, boolean loggedIn) {
	}

	/** An empty value counts as missing, as in the original (Python's parse_qs drops it). */
	private static String required(Request request, String name) {
		@Nullable String value = request.param(name);
		if (value == null || value.isEmpty()) {
			throw new ChatException(ErrorCode.MISSING_PARAMETER, "Parameter [" + name + "] is required");
		}
		return value;
	}

	private static String unknownCommand(String command) {
		boolean printable = command.length() <= 32 && command.chars().allMatch((c) -> c > 0x20 && c < 0x7f);
		return printable ? "Unknown command [" + command + "]" : "Unknown command";
	}

}

package org.progjar.chat.protocol;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.protocol.CommandDispatcher.Outcome;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Receives every framed request from both listeners, on the connection's own reader thread, so a
 * connection's requests start one at a time and its responses are queued in request order. A
 * pipelined command's reply is written once it is stored, while the reader goes on (see
 * {@link Command#pipelined}).
 */
@Component
class TcpRequestHandler {

	private static final Logger log = LoggerFactory.getLogger(TcpRequestHandler.class);

	private final ConnectionRegistry registry;

	private final ActingConnection acting;

	private final CommandDispatcher dispatcher;

	private final ReplyEncoder encoder;

	private final InFlightRequests inFlight;

	TcpRequestHandler(ConnectionRegistry registry, ActingConnection acting, CommandDispatcher dispatcher,
			ReplyEncoder encoder, InFlightRequests inFlight) {
		this.registry = registry;
		this.acting = acting;
		this.dispatcher = dispatcher;
		this.encoder = encoder;
		this.inFlight = inFlight;
	}

	void handle(Message<?> request) {
		String connectionId = request.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
		ClientConnection connection = (connectionId != null) ? this.registry.find(connectionId) : null;
		if (connection == null) {
			log.debug("Dropping a request from unknown connection {}", connectionId);
			return;
		}
		if (!this.inFlight.enter()) {
			Reply refused = Reply.error(ErrorCode.SHUTTING_DOWN, "The server is shutting down; try again shortly");
			reply(connection, CompletableFuture.completedFuture(refused), () -> {
			});
			return;
		}
		byte[] payload = (byte[]) request.getPayload();
		Outcome outcome;
		try {
			outcome = this.acting.actingFor(connection, () -> this.dispatcher.dispatch(payload, connection));
		}
		catch (RuntimeException | Error ex) {
			this.inFlight.exit();
			throw ex;
		}
		if (outcome.loggedIn()) {
			connection.loggedIn();
		}
		// A pipelined request is in flight until its reply is written, after the reader moved on.
		reply(connection, outcome.reply(), this.inFlight::exit);
	}

	private void reply(ClientConnection connection, CompletableFuture<Reply> reply, Runnable written) {
		try {
			connection.reply(reply.thenApply(this.encoder::encode), written);
		}
		catch (InterruptedException ex) {
			// The listener is stopping; the connection closes with it.
			Thread.currentThread().interrupt();
		}
	}

}

package org.progjar.chat.protocol;

import java.net.SocketTimeoutException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.protocol.BufferedNetConnectionSupport.BufferedNetConnection;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.stereotype.Component;

/**
 * A connection whose read timed out (see {@link BufferedNetConnectionSupport}) is closed: it did
 * not log in in time, or sent nothing for the idle timeout. This tells the client which, first.
 * Spring Integration publishes the failure on the reader thread before it closes the socket; the
 * error goes after whatever is queued for the client, and is waited for only briefly, because a
 * client that does not read must not keep its connection open this way.
 */
@Component
class ReadTimeoutResponder {

	private static final Logger log = LoggerFactory.getLogger(ReadTimeoutResponder.class);

	/** How long the error may take to be written, and then to be read before the close. */
	private static final Duration WRITE_WAIT = Duration.ofSeconds(2);

	private static final Duration LINGER = Duration.ofSeconds(1);

	private static final long LINGER_MAX_BYTES = 64L << 10;

	private final ConnectionRegistry registry;

	private final ReplyEncoder encoder;

	private final TcpSettings settings;

	ReadTimeoutResponder(ConnectionRegistry registry, ReplyEncoder encoder, TcpSettings settings) {
		this.registry = registry;
		this.encoder = encoder;
		this.settings = settings;
	}

	@EventListener
	void onReadFailure(TcpConnectionExceptionEvent event) {
		if (!isTimeout(event.getCause()) || !(event.getSource() instanceof BufferedNetConnection net)) {
			return;
		}
		ClientConnection connection = this.registry.find(net.getConnectionId());
		if (connection == null) {
			return;
		}
		boolean loggedIn = connection.isLoggedIn();
		Reply error = loggedIn
				? Reply.error(ErrorCode.IDLE_TIMEOUT,
						"Nothing received for " + human(this.settings.idleTimeout()) + "; closing the connection")
				: Reply.error(ErrorCode.LOGIN_TIMEOUT, "Not logged in within " + human(this.settings.loginTimeout())
						+ " of connecting; closing the connection");
		log.info("Closing connection {}: {}", connection.id(), loggedIn ? "idle timeout" : "not logged in in time");
		try {
			if (connection.sayLast(this.encoder.encode(error), WRITE_WAIT)) {
				net.lingerBeforeClose(LINGER, LINGER_MAX_BYTES);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String human(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 3_600_000 == 0) {
			return (millis / 3_600_000) + " h";
		}
		if (millis % 60_000 == 0) {
			return (millis / 60_000) + " min";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

	private static boolean isTimeout(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

}

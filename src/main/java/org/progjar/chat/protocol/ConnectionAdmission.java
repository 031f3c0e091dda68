package org.progjar.chat.protocol;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.protocol.BufferedNetConnectionSupport.BufferedNetConnection;
import org.progjar.chat.protocol.ConnectionLimits.Admission;
import org.progjar.chat.support.ClientAddress;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Lets a new TCP connection in while the server and its client's address are under their
 * connection limits. One over a limit gets one {@code TOO_MANY_CONNECTIONS} error, framed for its
 * listener, and is closed; the open ones are not touched. Runs on the new connection's reader
 * thread before it reads anything.
 */
@Component
class ConnectionAdmission {

	private static final Logger log = LoggerFactory.getLogger(ConnectionAdmission.class);

	/** How long, and how much of what a refused client already sent, to read so the error is not lost. */
	private static final Duration LINGER = Duration.ofSeconds(1);

	private static final long LINGER_MAX_BYTES = 64L << 10;

	/**
	 * Refusals that may linger at once; beyond that a refused connection is closed straight after
	 * its error. A flood of refused connections must not hold more open files than this.
	 */
	private static final int MAX_LINGERING = 256;

	/** The first refusal is logged, then one line per this many, so a flood cannot flood the log. */
	private static final long LOG_EVERY = 1000;

	private final ConnectionLimits limits;

	private final TcpSettings settings;

	private final ReplyEncoder encoder;

	private final Semaphore lingering = new Semaphore(MAX_LINGERING);

	private final AtomicLong refused = new AtomicLong();

	ConnectionAdmission(TcpSettings settings, ReplyEncoder encoder) {
		this.limits = new ConnectionLimits(settings.maxConnections(), settings.maxConnectionsPerAddress());
		this.settings = settings;
		this.encoder = encoder;
	}

	/** @return whether the connection may stay; if not, it has been told so and closed */
	boolean admit(TcpConnection connection) {
		// Counted as rate limits count clients: an IPv6 client by its /64.
		String address = ClientAddress.of(connection.getHostAddress()).value();
		Admission admission = this.limits.admit(address);
		if (admission == Admission.ADMITTED) {
			return true;
		}
		String detail = (admission == Admission.SERVER_FULL)
				? "The server has its maximum of " + this.settings.maxConnections() + " connections; try again later"
				: "Your address has its maximum of " + this.settings.maxConnectionsPerAddress()
						+ " connections; close one first";
		long count = this.refused.incrementAndGet();
		if (count % LOG_EVERY == 1) {
			log.warn("Refused connection from {}: {} ({} refused so far)", address,
					(admission == Admission.SERVER_FULL) ? "server full" : "address full", count);
		}
		refuse(connection, this.encoder.encode(Reply.error(ErrorCode.TOO_MANY_CONNECTIONS, detail)));
		return false;
	}

	/** An admitted connection has closed. */
	void release(ClientAddress address) {
		this.limits.release(address.value());
	}

	/** Connections admitted and not yet closed. */
	int open() {
		return this.limits.open();
	}

	private void refuse(TcpConnection connection, byte[] error) {
		try {
			// Nothing else writes to a connection that was never admitted, and a fresh socket's
			// send buffer takes one short line without waiting.
			connection.send(MessageBuilder.withPayload(error).build());
			if (connection instanceof BufferedNetConnection net && this.lingering.tryAcquire()) {
				try {
					net.lingerBeforeClose(LINGER, LINGER_MAX_BYTES);
				}
				finally {
					this.lingering.release();
				}
			}
		}
		catch (RuntimeException ex) {
			log.debug("Could not tell refused connection {} why", connection.getConnectionId());
		}
		finally {
			connection.close();
		}
	}

}

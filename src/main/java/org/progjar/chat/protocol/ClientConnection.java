package org.progjar.chat.protocol;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;

/**
 * One client's TCP connection as the chat sees it: where its room subscription is kept, and the
 * only way anything is written to it.
 * <p>
 * Responses and events go through one bounded queue, drained by at most one writer at a time on
 * a virtual thread, so they leave in the order they were queued, and a client that does not read
 * blocks only its own writer. When the queue is full the client is not reading: it is
 * disconnected rather than allowed to hold memory or slow down a room.
 * <p>
 * A response is waited for: the connection's reader takes the next request only once the last
 * response is on the wire. So a client that sends and then half-closes still gets its answer,
 * and a client that pipelines requests is slowed down rather than cut off.
 */
final class ClientConnection {

	private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

	private final TcpConnection connection;

	private final MessageChannel outbound;

	private final Executor writers;

	private final Queue<Outgoing> queue;

	private final AtomicBoolean draining = new AtomicBoolean();

	private volatile @Nullable RoomSubscription subscription;

	ClientConnection(TcpConnection connection, MessageChannel outbound, Executor writers, int queueCapacity) {
		this.connection = connection;
		this.outbound = outbound;
		this.writers = writers;
		this.queue = new ArrayBlockingQueue<>(queueCapacity);
	}

	String id() {
		return this.connection.getConnectionId();
	}

	@Nullable RoomSubscription subscription() {
		return this.subscription;
	}

	void subscription(@Nullable RoomSubscription subscription) {
		this.subscription = subscription;
	}

	/** Queues an event for this client; never blocks. */
	void send(byte[] json) {
		enqueue(new Outgoing(json, null));
	}

	/** Queues the response to this connection's request and returns once it is written. */
	void reply(byte[] json) throws InterruptedException {
		CountDownLatch written = new CountDownLatch(1);
		enqueue(new Outgoing(json, written));
		written.await();
	}

	private void enqueue(Outgoing outgoing) {
		if (!this.queue.offer(outgoing)) {
			log.warn("Closing connection {}: it stopped reading ({} messages waiting)", id(), this.queue.size());
			outgoing.done();
			discardQueued();
			this.connection.close();
			return;
		}
		if (this.draining.compareAndSet(false, true)) {
			this.writers.execute(this::drain);
		}
	}

	private void drain() {
		do {
			Outgoing next;
			while ((next = this.queue.poll()) != null) {
				try {
					write(next.json());
				}
				finally {
					next.done();
				}
			}
			this.draining.set(false);
			// Something queued after the last poll but before the flag dropped has no writer yet.
		}
		while (!this.queue.isEmpty() && this.draining.compareAndSet(false, true));
	}

	private void write(byte[] json) {
		try {
			this.outbound.send(MessageBuilder.withPayload(json).setHeader(IpHeaders.CONNECTION_ID, id()).build());
		}
		catch (MessagingException ex) {
			// The connection is gone; Spring Integration has closed it and will tell the registry.
			log.debug("Dropping output for closed connection {}", id());
			discardQueued();
		}
	}

	private void discardQueued() {
		Outgoing dropped;
		while ((dropped = this.queue.poll()) != null) {
			dropped.done();
		}
	}

	/** One JSON object to write; a response carries the latch its reader waits on. */
	private record Outgoing(byte[] json, @Nullable CountDownLatch written) {

		void done() {
			if (this.written != null) {
				this.written.countDown();
			}
		}

	}

	/** The room this connection receives broadcasts of, and the session that joined it here. */
	record RoomSubscription(long roomId, long sessionId) {
	}

}

package org.progjar.chat.protocol;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.metrics.ChatMeters;
import org.progjar.chat.metrics.ChatMeters.Transport;
import org.progjar.chat.support.OrderedOutbox;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * One client's TCP connection as the chat sees it: where its room subscription is kept, and the
 * only way anything is written to it, through its {@link OrderedOutbox}.
 * <p>
 * A response is waited for: the connection's reader takes the next request only once the last
 * response is on the wire. So a client that sends and then half-closes still gets its answer,
 * and a client that pipelines requests is slowed down rather than cut off. Events are not
 * waited for; a client that lets them pile up is disconnected.
 */
final class ClientConnection {

	private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

	private final TcpConnection connection;

	private final OrderedOutbox<Outgoing> outbox;

	private final AtomicBoolean cutOff = new AtomicBoolean();

	private volatile @Nullable RoomSubscription subscription;

	ClientConnection(TcpConnection connection, MessageChannel outbound, Executor writers, int queueCapacity,
			ChatMeters meters) {
		this.connection = connection;
		String id = connection.getConnectionId();
		this.outbox = new OrderedOutbox<>(queueCapacity, writers, (out) -> {
			outbound.send(MessageBuilder.withPayload(out.json()).setHeader(IpHeaders.CONNECTION_ID, id).build());
			if (out.event()) {
				meters.delivered(Transport.TCP, out.queuedAt());
			}
		}, () -> {
			// Counted once, though sends that raced the close may overflow again.
			if (this.cutOff.compareAndSet(false, true)) {
				log.warn("Closing connection {}: it stopped reading", id);
				meters.slowConsumerDisconnected(Transport.TCP);
			}
			connection.close();
		});
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
		this.outbox.send(new Outgoing(json, true, System.nanoTime()));
	}

	/** Queues the response to this connection's request and returns once it is written. */
	void reply(byte[] json) throws InterruptedException {
		this.outbox.sendAndWait(new Outgoing(json, false, 0L));
	}

	/** The room this connection receives broadcasts of, and the session that joined it here. */
	record RoomSubscription(long roomId, long sessionId) {
	}

	/** One write; an event keeps when it was queued, for the delivery latency. */
	private record Outgoing(byte[] json, boolean event, long queuedAt) {
	}

}

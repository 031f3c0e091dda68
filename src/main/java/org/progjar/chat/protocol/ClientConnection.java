package org.progjar.chat.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.metrics.ChatMeters;
import org.progjar.chat.metrics.ChatMeters.Transport;
import org.progjar.chat.protocol.BufferedNetConnectionSupport.BufferedNetConnection;
import org.progjar.chat.protocol.framing.Frames;
import org.progjar.chat.support.ClientAddress;
import org.progjar.chat.support.OrderedOutbox;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * One client's TCP connection as the chat sees it: where its room subscription and its inbox
 * listener are kept, and the only way anything is written to it, through its {@link OrderedOutbox}.
 * <p>
 * A response is waited for: the connection's reader takes the next request only once the last
 * response is on the wire, or, for a pipelined command, once at most {@code pipelineDepth}
 * responses are outstanding. So a client that sends and then half-closes still gets its answer
 * (see {@link #awaitReplies(Duration)}), and a client that pipelines requests is slowed down
 * rather than cut off. Responses leave in request order. Events are not waited for; a client
 * that lets them pile up is disconnected.
 */
final class ClientConnection {

	private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

	private static final CompletableFuture<?> NOTHING_OUTSTANDING = CompletableFuture.completedFuture(null);

	private final TcpConnection connection;

	private final OrderedOutbox<Outgoing> outbox;

	private final AtomicBoolean cutOff = new AtomicBoolean();

	private final int pipelineDepth;

	/** One permit per response that may be outstanding: queued for later and not yet written. */
	private final Semaphore replies;

	/** Done once the last response is queued; the next one is queued after it. Only the reader uses it. */
	private CompletableFuture<?> lastReply = NOTHING_OUTSTANDING;

	private final ClientAddress address;

	private volatile @Nullable RoomSubscription subscription;

	/** Guarded by this, with {@link #closed}: a listener is never taken on after the close. */
	private @Nullable InboxListener listener;

	private boolean closed;

	ClientConnection(TcpConnection connection, MessageChannel outbound, Executor writers, int queueCapacity,
			int pipelineDepth, ChatMeters meters) {
		this.connection = connection;
		this.pipelineDepth = pipelineDepth;
		this.replies = new Semaphore(pipelineDepth);
		this.address = ClientAddress.of(connection.getHostAddress());
		String id = connection.getConnectionId();
		// The overflow is found on the publishing thread, the group committer: the close (and the
		// leave it causes, which is a write, published in room order) happens on a writer.
		this.outbox = new OrderedOutbox<>(queueCapacity, writers, (batch) -> {
			List<byte[]> messages = new ArrayList<>(batch.size());
			for (Outgoing out : batch) {
				messages.add(out.json());
			}
			outbound.send(MessageBuilder.withPayload((messages.size() == 1) ? messages.getFirst() : new Frames(messages))
				.setHeader(IpHeaders.CONNECTION_ID, id)
				.build());
			// One clock reading for the batch: under a busy room's fan-out, one per event cost
			// the writers as much as building the message to write.
			long writtenAt = System.nanoTime();
			for (Outgoing out : batch) {
				if (out.event()) {
					meters.delivered(Transport.TCP, out.queuedAt(), writtenAt);
				}
			}
		}, () -> writers.execute(() -> {
			// Counted once, though sends that raced the close may overflow again.
			if (this.cutOff.compareAndSet(false, true)) {
				log.warn("Closing connection {}: it stopped reading", id);
				meters.slowConsumerDisconnected(Transport.TCP);
			}
			connection.close();
		}));
	}

	String id() {
		return this.connection.getConnectionId();
	}

	/** The peer's address, as the socket reports it (never looked up in DNS). */
	ClientAddress address() {
		return this.address;
	}

	/** Writes queued for this client and not yet on the wire. */
	int queued() {
		return this.outbox.size();
	}

	/** The connection showed it holds a valid session: from now on only the idle timeout applies. */
	void loggedIn() {
		if (this.connection instanceof BufferedNetConnection net) {
			net.loggedIn();
		}
	}

	boolean isLoggedIn() {
		return this.connection instanceof BufferedNetConnection net && net.isLoggedIn();
	}

	@Nullable RoomSubscription subscription() {
		return this.subscription;
	}

	void subscription(@Nullable RoomSubscription subscription) {
		this.subscription = subscription;
	}

	/**
	 * Listens as given from now on, unless the connection is closed.
	 * @return the listener this one replaces, null if none, or the given one itself if the
	 * connection is closed and did not take it
	 */
	synchronized @Nullable InboxListener listen(InboxListener next) {
		if (this.closed) {
			return next;
		}
		@Nullable InboxListener replaced = this.listener;
		this.listener = next;
		return replaced;
	}

	/** Stops listening if it listens for the given session. @return the listener it was, or null */
	synchronized @Nullable InboxListener stopListening(long sessionId) {
		@Nullable InboxListener current = this.listener;
		if (current == null || current.sessionId() != sessionId) {
			return null;
		}
		this.listener = null;
		return current;
	}

	synchronized boolean listensFor(long userId) {
		@Nullable InboxListener current = this.listener;
		return current != null && current.userId() == userId;
	}

	/** The connection closed: it takes on no listener from now on. @return the one it had, or null */
	synchronized @Nullable InboxListener closed() {
		this.closed = true;
		@Nullable InboxListener last = this.listener;
		this.listener = null;
		return last;
	}

	/**
	 * Queues an event for this client; never blocks.
	 * @param queuedAt {@link System#nanoTime()} when the event was handed out, read once for all
	 * the connections that get it
	 */
	void send(byte[] json, long queuedAt) {
		this.outbox.send(new Outgoing(json, true, queuedAt));
	}

	/**
	 * Queues the response to this connection's request after the responses before it. One that
	 * is known now, with none outstanding before it, is waited for until it is written; one that
	 * comes later is waited for only while {@code pipelineDepth} are outstanding. Call from the
	 * reader thread.
	 * @param written runs once the response is written, or dropped with the client, or once this
	 * is interrupted
	 */
	void reply(CompletableFuture<byte[]> json, Runnable written) throws InterruptedException {
		if (json.isDone() && this.replies.availablePermits() == this.pipelineDepth) {
			try {
				this.outbox.sendAndWait(new Outgoing(json.join(), false, 0L));
			}
			finally {
				written.run();
			}
			return;
		}
		try {
			this.replies.acquire();
		}
		catch (InterruptedException ex) {
			written.run();
			throw ex;
		}
		Runnable done = () -> {
			this.replies.release();
			written.run();
		};
		// Each link completes normally, whatever its response did, so the next one always follows.
		this.lastReply = this.lastReply.thenCompose((previous) -> json).handle((bytes, failure) -> {
			if (bytes != null) {
				this.outbox.send(new Outgoing(bytes, false, 0L), done);
			}
			else {
				log.error("No response for a request on connection {}", id(), failure);
				done.run();
			}
			return null;
		});
	}

	/** Waits until the responses queued so far are written (or dropped with the client). */
	void awaitReplies() {
		try {
			awaitReplies(Duration.ofNanos(Long.MAX_VALUE));
		}
		catch (InterruptedException ex) {
			// The listener is stopping; the request fails at its own reply.
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Waits, at most the timeout, until the responses queued so far are written: before the
	 * connection closes after its client ended its input, and before the last word.
	 * @return whether they were written in time
	 */
	boolean awaitReplies(Duration timeout) throws InterruptedException {
		if (!this.replies.tryAcquire(this.pipelineDepth, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			return false;
		}
		this.replies.release(this.pipelineDepth);
		return true;
	}

	/**
	 * Queues the last thing this connection gets before the server closes it, after the responses
	 * before it, and waits a bounded time: a client that does not read must not hold it up.
	 * @return whether it was written in time
	 */
	boolean sayLast(byte[] json, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		return awaitReplies(timeout)
				&& this.outbox.sendAndWait(new Outgoing(json, false, 0L), Duration.ofNanos(deadline - System.nanoTime()));
	}

	/** The room this connection receives broadcasts of, and the session that joined it here. */
	record RoomSubscription(long roomId, long sessionId) {
	}

	/** This connection receives the direct messages of the session's user ({@code inbox_listen}). */
	record InboxListener(long userId, long sessionId) {
	}

	/** One write; an event keeps when it was queued, for the delivery latency. */
	private record Outgoing(byte[] json, boolean event, long queuedAt) {
	}

}

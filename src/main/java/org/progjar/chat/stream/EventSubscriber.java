package org.progjar.chat.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.metrics.ChatMeters;
import org.progjar.chat.metrics.ChatMeters.Transport;
import org.progjar.chat.session.Caller;
import org.progjar.chat.stream.StreamUpdate.Joined;
import org.progjar.chat.stream.StreamUpdate.RoomMessage;
import org.progjar.chat.support.OrderedOutbox;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open event stream: its emitter, what is queued for it, and its {@link StreamState}.
 * <p>
 * Updates arrive on the publishing thread, which may hold a room's lock: {@link #offer} takes only
 * this stream's lock, moves the cursor and queues; a writer thread does the I/O, so a slow client
 * delays nobody but itself. Until it has caught up (replayed from the database) a new stream holds
 * live updates back, then applies them with the same rules as the replay, which skip whatever
 * the replay already covered: no gap, no duplicate.
 */
final class EventSubscriber {

	private static final Logger log = LoggerFactory.getLogger(EventSubscriber.class);

	private final Caller caller;

	private final SseEmitter emitter;

	private final Executor writers;

	private final Subscribers subscribers;

	private final OrderedOutbox<Frame> outbox;

	private final int holdLimit;

	private final ChatMeters meters;

	private final Lock lock = new ReentrantLock();

	private final AtomicBoolean closed = new AtomicBoolean();

	// The rest is guarded by the lock.

	private StreamState state = new StreamState(new StreamCursor(0, null));

	/** Live updates held back while catching up; null once live. */
	private @Nullable List<StreamUpdate> held = new ArrayList<>();

	/** Rooms whose messages are worth holding; null (all of them) until the session's room is known. */
	private @Nullable Set<Long> heldRooms;

	EventSubscriber(Caller caller, SseEmitter emitter, Executor writers, Subscribers subscribers,
			EventSettings settings, ChatMeters meters) {
		this.caller = caller;
		this.emitter = emitter;
		this.writers = writers;
		this.subscribers = subscribers;
		this.holdLimit = settings.queueCapacity();
		this.meters = meters;
		// A replay and the updates held during it are queued at once, on top of what a slow client
		// may let pile up.
		int capacity = settings.queueCapacity() * 2 + settings.replayLimit() * 2 + 1;
		this.outbox = new OrderedOutbox<>(capacity, writers, this::write, this::overflowed);
	}

	long userId() {
		return this.caller.userId();
	}

	long sessionId() {
		return this.caller.sessionId();
	}

	/**
	 * The session's room as read after subscribing: from now on only messages of that room, or of
	 * rooms the session joins meanwhile, can matter; the others are dropped instead of held.
	 */
	void expectRoom(@Nullable Long roomId) {
		this.lock.lock();
		try {
			List<StreamUpdate> pending = this.held;
			if (pending == null) {
				return;
			}
			Set<Long> rooms = new HashSet<>();
			if (roomId != null) {
				rooms.add(roomId);
			}
			pending.forEach((update) -> {
				if (update instanceof Joined joined) {
					rooms.add(joined.roomId());
				}
			});
			pending.removeIf((update) -> update instanceof RoomMessage message && !rooms.contains(message.roomId()));
			this.heldRooms = rooms;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Ends the catch-up: queues the room announcement and the replay, then the held updates, and
	 * goes live. A replay cut at its limit ends the stream instead; the client's reconnection
	 * carries on from the last id it got.
	 */
	void start(CatchUp catchUp) {
		this.lock.lock();
		try {
			List<StreamUpdate> pending = this.held;
			if (this.closed.get() || pending == null) {
				return;
			}
			// Spring sends the response headers with the first write: without one, a client would
			// not know the stream is open until something happens.
			this.outbox.send((sse) -> sse.send(SseEmitter.event().comment("open")));
			this.state = new StreamState(catchUp.from());
			String announcement = catchUp.announcement();
			if (announcement != null) {
				send(new StreamState.Event("room", catchUp.from().value(), announcement));
			}
			catchUp.replay().forEach(this::apply);
			if (catchUp.cut()) {
				endAfterWrites();
				return;
			}
			this.held = null;
			this.heldRooms = null;
			this.state.applyingHeldUpdates();
			pending.forEach(this::apply);
			this.state.live();
			if (!this.closed.get()) {
				this.subscribers.caughtUp(this, this.state.cursor().roomId());
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A live update, on the publishing thread: never waits for the client. */
	void offer(StreamUpdate update) {
		this.lock.lock();
		try {
			List<StreamUpdate> pending = this.held;
			if (this.closed.get()) {
				return;
			}
			if (pending == null) {
				apply(update);
				return;
			}
			Set<Long> rooms = this.heldRooms;
			if (update instanceof Joined joined && rooms != null) {
				rooms.add(joined.roomId());
			}
			if (update instanceof RoomMessage message && rooms != null && !rooms.contains(message.roomId())) {
				return;
			}
			if (pending.size() >= this.holdLimit) {
				log.warn("Ending an event stream of session {}: too much happened while it caught up", sessionId());
				end();
				return;
			}
			pending.add(update);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Writes queued for the client and not yet sent. */
	int queued() {
		return this.outbox.size();
	}

	void heartbeat() {
		if (!this.closed.get()) {
			this.outbox.send((sse) -> sse.send(SseEmitter.event().comment("heartbeat")));
		}
	}

	/** The container is done with the stream (client gone, error, completion): forget it. */
	void close() {
		if (this.closed.compareAndSet(false, true)) {
			unregister();
			this.outbox.discard();
		}
	}

	/** Ends the stream from this side; the client may reconnect and resume from its last id. */
	void end() {
		if (this.closed.compareAndSet(false, true)) {
			unregister();
			this.outbox.discard();
			// Completing flushes the response, which may block: never on the publishing thread.
			this.writers.execute(this::complete);
		}
	}

	private void endAfterWrites() {
		if (this.closed.compareAndSet(false, true)) {
			unregister();
			this.outbox.send((sse) -> complete());
		}
	}

	/** Sends what the update means for this stream, and keeps the room index on the stream's room. */
	private void apply(StreamUpdate update) {
		Long before = this.state.cursor().roomId();
		StreamState.Event event = this.state.apply(update);
		if (event == null) {
			return;
		}
		Long after = this.state.cursor().roomId();
		if (!Objects.equals(before, after) && this.held == null && !this.closed.get()) {
			this.subscribers.follow(this, before, after);
		}
		send(event);
	}

	private void send(StreamState.Event event) {
		if (!this.closed.get()) {
			long queuedAt = System.nanoTime();
			this.outbox.send((sse) -> {
				sse.send(SseEmitter.event().id(event.id()).name(event.type()).data(event.json(),
						MediaType.APPLICATION_JSON));
				this.meters.delivered(Transport.HTTP, queuedAt, System.nanoTime());
			});
		}
	}

	private void write(List<Frame> frames) throws IOException {
		try {
			for (Frame frame : frames) {
				frame.writeTo(this.emitter);
			}
		}
		catch (IOException | RuntimeException ex) {
			// The client has gone; the container will say so too, but nothing more is queued meanwhile.
			close();
			throw ex;
		}
	}

	private void overflowed() {
		if (!this.closed.get()) {
			log.warn("Ending an event stream of session {}: its client stopped reading", sessionId());
			this.meters.slowConsumerDisconnected(Transport.HTTP);
		}
		end();
	}

	private void complete() {
		try {
			this.emitter.complete();
		}
		catch (RuntimeException ex) {
			log.debug("Event stream of session {} was already over", sessionId(), ex);
		}
	}

	private void unregister() {
		this.lock.lock();
		try {
			this.subscribers.remove(this, this.state.cursor().roomId());
		}
		finally {
			this.lock.unlock();
		}
	}

	/** One write to the client, in queue order. */
	@FunctionalInterface
	interface Frame {

		void writeTo(SseEmitter emitter) throws IOException;

	}

	/**
	 * Where a new stream starts and what it replays first.
	 * @param from the cursor before the replay
	 * @param announcement data of a first {@code room} event, when the client must learn its room
	 * @param replay stored messages the client missed, each source in its own order
	 * @param cut whether the replay stopped at its limit with more behind it
	 */
	record CatchUp(StreamCursor from, @Nullable String announcement, List<StreamUpdate> replay, boolean cut) {
	}

}

package org.progjar.chat.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.progjar.chat.message.DirectMessageSent;
import org.progjar.chat.message.DirectMessageView;
import org.progjar.chat.message.MessageService;
import org.progjar.chat.metrics.ChatMeters;
import org.progjar.chat.protocol.Broadcasts;
import org.progjar.chat.push.PushEvent;
import org.progjar.chat.room.MemberJoined;
import org.progjar.chat.room.MemberLeft;
import org.progjar.chat.room.RoomDirectory;
import org.progjar.chat.room.RoomDirectory.RoomPosition;
import org.progjar.chat.room.RoomMessagePosted;
import org.progjar.chat.session.Caller;
import org.progjar.chat.session.SessionEnding;
import org.progjar.chat.stream.EventSubscriber.CatchUp;
import org.progjar.chat.stream.StreamUpdate.DirectMessage;
import org.progjar.chat.stream.StreamUpdate.Joined;
import org.progjar.chat.stream.StreamUpdate.Left;
import org.progjar.chat.stream.StreamUpdate.RoomMessage;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live event streams: opens them (with the replay a reconnecting client missed), hands each
 * push event to the streams it concerns, keeps them alive with heartbeats, and ends them with
 * their session or the server.
 */
@Component
class EventStreams implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

	/** None: heartbeats keep a stream open and find the clients that went away. */
	private static final long NO_TIMEOUT = 0L;

	private final Subscribers subscribers = new Subscribers();

	/** Writers block while a client does not read; a virtual thread each keeps that cheap. */
	private final ExecutorService writers = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("sse-writer-", 0).factory());

	private final RoomDirectory rooms;

	private final MessageService messages;

	private final JsonMapper json;

	private final EventSettings settings;

	private final ChatMeters meters;

	EventStreams(RoomDirectory rooms, MessageService messages, JsonMapper json, EventSettings settings,
			ChatMeters meters) {
		this.rooms = rooms;
		this.messages = messages;
		this.json = json;
		this.settings = settings;
		this.meters = meters;
	}

	/**
	 * Opens a stream of the caller's session. It subscribes before reading anything, holding live
	 * updates back so that nothing published meanwhile is lost; then reads where to start (the
	 * client's cursor, or now), replays what the cursor missed, and lets the held updates through
	 * without what the replay covered.
	 */
	SseEmitter open(Caller caller, @Nullable StreamCursor resumeFrom) {
		SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
		EventSubscriber subscriber = new EventSubscriber(caller, emitter, this.writers, this.subscribers, this.settings,
				this.meters);
		emitter.onCompletion(subscriber::close);
		emitter.onTimeout(subscriber::close);
		emitter.onError((ex) -> subscriber.close());
		this.subscribers.add(subscriber);
		try {
			Optional<RoomPosition> room = this.rooms.position(caller);
			subscriber.expectRoom(room.map(RoomPosition::id).orElse(null));
			subscriber.start((resumeFrom != null) ? resume(caller, resumeFrom, room) : fresh(caller, room));
		}
		catch (RuntimeException ex) {
			subscriber.close();
			throw ex;
		}
		return emitter;
	}

	/** A push event, on the publishing thread and in its order: queued for the streams concerned. */
	void publish(PushEvent event) {
		switch (event) {
			case DirectMessageSent sent ->
				deliver(this.subscribers.ofUser(sent.recipientId()), () -> directMessage(sent.message()));
			case RoomMessagePosted posted ->
				deliver(this.subscribers.inRoom(posted.roomId()), () -> roomMessage(posted));
			// The room's newest number is read here, under the room's lock: it is the last message
			// before the session came in, or its leave notice.
			case MemberJoined joined -> deliver(this.subscribers.ofSession(joined.sessionId()),
					() -> new Joined(joined.roomId(), this.rooms.lastSeq(joined.roomId()), roomJson(joined.room())));
			case MemberLeft left -> deliver(this.subscribers.ofSession(left.sessionId()),
					() -> new Left(left.roomId(), this.rooms.lastSeq(left.roomId()), roomJson(null)));
			default -> {
			}
		}
	}

	/** The session's open streams. */
	List<EventSubscriber> streamsOf(long sessionId) {
		return this.subscribers.ofSession(sessionId);
	}

	int openStreams() {
		return this.subscribers.count();
	}

	void heartbeat() {
		this.subscribers.all().forEach(EventSubscriber::heartbeat);
	}

	/** A logged-out or expired session's streams end with it: they must not go on receiving its user's messages. */
	@EventListener
	void sessionEnding(SessionEnding ending) {
		this.subscribers.ofSession(ending.caller().sessionId()).forEach(EventSubscriber::end);
	}

	/** Before the web server's graceful shutdown, which would otherwise wait for every open stream. */
	@EventListener(ContextClosedEvent.class)
	void shuttingDown() {
		this.subscribers.all().forEach(EventSubscriber::end);
	}

	@Override
	public void destroy() {
		this.writers.shutdown();
	}

	/** A fresh stream starts now, and first tells the client its room and its cursor. */
	private CatchUp fresh(Caller caller, Optional<RoomPosition> room) {
		StreamCursor now = new StreamCursor(this.messages.lastReceivedId(caller.userId()), null);
		if (room.isPresent()) {
			now = now.in(room.get().id(), room.get().lastSeq());
		}
		return new CatchUp(now, roomJson(room.map(RoomPosition::name).orElse(null)), List.of(), false);
	}

	/**
	 * Direct messages after the cursor, and room messages after it if the session is still in the
	 * cursor's room. A session that moved since starts its new room from now, and hears of it.
	 */
	private CatchUp resume(Caller caller, StreamCursor cursor, Optional<RoomPosition> room) {
		int limit = this.settings.replayLimit();
		List<DirectMessageView> direct = this.messages.receivedAfter(caller.userId(), cursor.dmId(), limit);
		boolean cut = direct.size() == limit;
		StreamCursor.Position seen = cursor.room();
		if (room.isPresent() && seen != null && seen.roomId() == room.get().id()) {
			RoomPosition now = room.get();
			// Not past the number read with the membership: later ones come live, and the session
			// may have left before them.
			List<RoomMessagePosted> posted = this.rooms.after(now.id(), seen.seq(), limit)
				.stream()
				.filter((message) -> message.seq() <= now.lastSeq())
				.toList();
			cut |= posted.size() == limit && posted.getLast().seq() < now.lastSeq();
			return new CatchUp(cursor, null, inTimeOrder(direct, posted), cut);
		}
		StreamCursor from = room.map((now) -> cursor.in(now.id(), now.lastSeq())).orElse(cursor.outsideRooms());
		String announcement = (room.isPresent() || seen != null) ? roomJson(room.map(RoomPosition::name).orElse(null))
				: null;
		return new CatchUp(from, announcement, inTimeOrder(direct, List.of()), cut);
	}

	/** A merge, not a sort: each source keeps its own order, whatever the clock did. */
	private List<StreamUpdate> inTimeOrder(List<DirectMessageView> direct, List<RoomMessagePosted> posted) {
		List<StreamUpdate> replay = new ArrayList<>(direct.size() + posted.size());
		int d = 0;
		int r = 0;
		while (d < direct.size() || r < posted.size()) {
			boolean directFirst = r == posted.size()
					|| (d < direct.size() && !direct.get(d).sentAt().isAfter(posted.get(r).sentAt()));
			replay.add(directFirst ? directMessage(direct.get(d++)) : roomMessage(posted.get(r++)));
		}
		return replay;
	}

	/**
	 * Encodes once for all the targets. Nothing may be thrown back at the publisher, which has
	 * committed already and whose other subscribers (TCP) would miss the event: streams that
	 * cannot be told are ended instead, and resume from their last id.
	 */
	private static void deliver(List<EventSubscriber> targets, Supplier<StreamUpdate> update) {
		if (targets.isEmpty()) {
			return;
		}
		StreamUpdate encoded;
		try {
			encoded = update.get();
		}
		catch (RuntimeException ex) {
			log.error("Ending {} event streams: an event for them could not be prepared", targets.size(), ex);
			targets.forEach(EventSubscriber::end);
			return;
		}
		targets.forEach((subscriber) -> subscriber.offer(encoded));
	}

	private StreamUpdate directMessage(DirectMessageView message) {
		return new DirectMessage(message.id(), this.json.writeValueAsString(message));
	}

	/** Exactly the object a TCP member of the room receives, so one parser reads both. */
	private StreamUpdate roomMessage(RoomMessagePosted posted) {
		return new RoomMessage(posted.roomId(), posted.seq(), this.json.writeValueAsString(Broadcasts.of(posted).fields()));
	}

	private String roomJson(@Nullable String room) {
		return this.json.writeValueAsString(Collections.singletonMap("room", room));
	}

}

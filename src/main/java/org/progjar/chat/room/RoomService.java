package org.progjar.chat.room;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.message.MessageSettings;
import org.progjar.chat.message.MessageText;
import org.progjar.chat.push.PushPublisher;
import org.progjar.chat.session.Caller;
import org.progjar.chat.session.SessionEnding;
import org.progjar.chat.storage.GroupCommit;
import org.progjar.chat.user.UserService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Room membership and room messages.
 * <p>
 * Everything that gives a room message its number is a {@link GroupCommit} write, and what it
 * stored is published as that write's follow-up: writes commit and follow up one after another
 * in submission order, so events leave here in room order and every member sees one order.
 * Subscriptions change between the same two broadcasts for everyone, too.
 */
@Service
public class RoomService {

	private static final Logger log = LoggerFactory.getLogger(RoomService.class);

	private final RoomRepository rooms;

	private final RoomMemberRepository members;

	private final RoomMessageWriter messageWriter;

	private final Memberships memberships;

	private final UserService users;

	private final RoomSettings settings;

	private final MessageSettings messageSettings;

	private final PushPublisher pushes;

	private final GroupCommit commits;

	private final Clock clock;

	private final RoomSequences sequences;

	/**
	 * Room names by id, for the messages the committer numbers: names never change, and looking the
	 * room up even once per batch cost the committer as much as a tenth of its time.
	 */
	private final Map<Long, String> names = new ConcurrentHashMap<>();

	RoomService(RoomRepository rooms, RoomMemberRepository members, RoomMessageWriter messageWriter,
			RoomSequences sequences, Memberships memberships, UserService users, RoomSettings settings,
			MessageSettings messageSettings, PushPublisher pushes, GroupCommit commits, Clock clock) {
		this.rooms = rooms;
		this.members = members;
		this.messageWriter = messageWriter;
		this.sequences = sequences;
		this.memberships = memberships;
		this.users = users;
		this.settings = settings;
		this.messageSettings = messageSettings;
		this.pushes = pushes;
		this.commits = commits;
		this.clock = clock;
	}

	/** Puts the session in the room, creating it if needed, after leaving any other room. */
	public JoinedRoom join(Caller caller, String roomName, Attendance attendance) {
		Room room = findOrCreate(RoomName.of(roomName, this.settings));
		this.commits.write(() -> joinIn(caller, room, attendance), this::publish);
		log.debug("Session {} joined room {}", caller.sessionId(), room.getName());
		return joined(room);
	}

	/** Posts to the caller's current room. */
	public RoomMessagePosted chat(Caller caller, String text) {
		return GroupCommit.await(chatLater(caller, text));
	}

	/**
	 * As {@link #chat(Caller, String)}, without waiting for the message to be stored.
	 * @throws ChatException at once if the caller is in no room or the text is refused
	 */
	public CompletableFuture<RoomMessagePosted> chatLater(Caller caller, String text) {
		return chatIn(caller, this.memberships.currentRoomId(caller), text);
	}

	/** Posts to the named room, which must be the caller's. */
	public RoomMessagePosted chat(Caller caller, String roomName, String text) {
		return GroupCommit.await(chatIn(caller, this.memberships.requireMemberOf(caller, roomName).getId(), text));
	}

	/** @return the name of the room left */
	public String leave(Caller caller) {
		String left = leave(caller.sessionId(), this.memberships.currentRoomId(caller));
		if (left == null) {
			throw new ChatException(ErrorCode.NOT_IN_ROOM, "You left that room already");
		}
		return left;
	}

	public void leave(Caller caller, String roomName) {
		leave(caller.sessionId(), this.memberships.requireMemberOf(caller, roomName).getId());
	}

	/**
	 * Takes the session out of the room if it is still in it, telling the others; also for a
	 * connection that carried the membership and closed.
	 * @return the room's name, or null if the session was not in that room
	 */
	public @Nullable String leave(long sessionId, long roomId) {
		List<RoomEvent> left = this.commits.write(() -> this.members.findById(sessionId)
			.filter((member) -> member.getRoomId().equals(roomId))
			.map(this::leaveIn)
			.orElse(List.of()), this::publish);
		return left.isEmpty() ? null : left.getFirst().room();
	}

	@EventListener
	void onSessionEnding(SessionEnding ending) {
		long sessionId = ending.caller().sessionId();
		this.memberships.roomOf(sessionId).ifPresent((roomId) -> leave(sessionId, roomId));
	}

	private CompletableFuture<RoomMessagePosted> chatIn(Caller caller, long roomId, String text) {
		MessageText body = MessageText.of(text, this.messageSettings);
		return this.commits.submit(() -> {
			if (this.memberships.currentRoomId(caller) != roomId) {
				throw new ChatException(ErrorCode.NOT_IN_ROOM, "You left that room");
			}
			return post(roomId, caller, body.value());
		}, this.pushes::publish);
	}

	/** The join, and the leave of the room it moves from, as what is to be published in order. */
	private List<RoomEvent> joinIn(Caller caller, Room room, Attendance attendance) {
		MemberJoined joined = new MemberJoined(room.getId(), room.getName(), caller.sessionId());
		RoomMember current = this.members.findById(caller.sessionId()).orElse(null);
		if (current != null && current.getRoomId().equals(room.getId())) {
			// Already there: no notice, but the newer join decides how long it lasts and where
			// the broadcasts go.
			current.attend(attendance);
			return List.of(joined);
		}
		List<RoomEvent> published = new ArrayList<>();
		Instant now = this.clock.instant();
		if (current != null) {
			published.addAll(leaveNotice(current));
			current.moveTo(room.getId(), now, attendance);
		}
		else {
			this.members.save(new RoomMember(caller.sessionId(), room.getId(), caller.userId(), now, attendance));
		}
		this.memberships.moved(caller.sessionId(), room.getId());
		// The notice goes to those already there; the joiner subscribes after it.
		published.add(post(room.getId(), null, caller.displayName() + " joined the room"));
		published.add(joined);
		return published;
	}

	private List<RoomEvent> leaveIn(RoomMember member) {
		this.members.delete(member);
		this.memberships.moved(member.getSessionId(), null);
		return leaveNotice(member);
	}

	/** Unsubscribes the leaver first: the notice is for those who stay. */
	private List<RoomEvent> leaveNotice(RoomMember member) {
		long roomId = member.getRoomId();
		String who = this.users.get(member.getUserId()).displayName();
		RoomMessagePosted notice = post(roomId, null, who + " left the room");
		return List.of(new MemberLeft(roomId, notice.room(), member.getSessionId()), notice);
	}

	private void publish(List<RoomEvent> published) {
		published.forEach(this.pushes::publish);
	}

	/** Each member once, in the order they came, however many sessions they have there. */
	private JoinedRoom joined(Room room) {
		List<String> names = new ArrayList<>(new LinkedHashSet<>(this.members.findMemberNames(room.getId())));
		return new JoinedRoom(room.getName(), names);
	}

	/**
	 * A new room is created by the committer, the only writer: two first joins of one room then
	 * find it in turn instead of racing to insert it, where the loser's unique-key violation
	 * was logged by Hibernate as a warning each time.
	 */
	private Room findOrCreate(RoomName name) {
		// Nothing to publish: the join that follows announces the joiner.
		return this.rooms.findByName(name.value())
			.orElseGet(() -> this.commits.write(() -> this.rooms.findByName(name.value()).orElseGet(() -> {
				Room created = this.rooms.save(new Room(name, this.clock.instant()));
				log.info("Created room {}", name.value());
				return created;
			})));
	}

	/** Numbers and stores a message; call inside a group commit write. */
	private RoomMessagePosted post(long roomId, @Nullable Caller sender, String text) {
		String room = this.names.computeIfAbsent(roomId, (id) -> this.rooms.findById(id).orElseThrow().getName());
		long seq = this.sequences.next(roomId);
		Instant now = this.clock.instant();
		this.messageWriter.append(roomId, seq, (sender != null) ? sender.userId() : null, text, now);
		return (sender != null)
				? new RoomMessagePosted(roomId, room, seq, sender.username(), sender.displayName(), text, now)
				: RoomMessagePosted.notice(roomId, room, seq, text, now);
	}

}

package org.progjar.chat.room;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.message.MessageSettings;
import org.progjar.chat.message.MessageText;
import org.progjar.chat.session.Caller;
import org.progjar.chat.session.SessionEnding;
import org.progjar.chat.support.StripedLocks;
import org.progjar.chat.user.UserService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Room membership and room messages.
 * <p>
 * Everything that gives a room message its number holds that room's lock from the number to the
 * publication of the committed message, so events leave here in room order and every member
 * sees one order. The lock is taken outside the transaction: publishing happens after commit.
 */
@Service
public class RoomService {

	private static final Logger log = LoggerFactory.getLogger(RoomService.class);

	private final RoomRepository rooms;

	private final RoomMemberRepository members;

	private final RoomMessageRepository messages;

	private final Memberships memberships;

	private final UserService users;

	private final RoomSettings settings;

	private final MessageSettings messageSettings;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final StripedLocks roomLocks = new StripedLocks(256);

	RoomService(RoomRepository rooms, RoomMemberRepository members, RoomMessageRepository messages,
			Memberships memberships, UserService users, RoomSettings settings, MessageSettings messageSettings,
			ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
		this.rooms = rooms;
		this.members = members;
		this.messages = messages;
		this.memberships = memberships;
		this.users = users;
		this.settings = settings;
		this.messageSettings = messageSettings;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Puts the session in the room, creating it if needed, after leaving any other room. */
	public JoinedRoom join(Caller caller, String roomName, Attendance attendance) {
		RoomName name = RoomName.of(roomName, this.settings);
		Optional<RoomMember> current = this.memberships.of(caller);
		Room room = findOrCreate(name);
		if (current.isPresent() && current.get().getRoomId().equals(room.getId())) {
			// Already there: no notice, but the newer join decides how long it lasts and where
			// the broadcasts go.
			inRoomOrder(room.getId(), () -> {
				this.transaction.executeWithoutResult((status) -> this.members.findById(caller.sessionId())
					.ifPresent((member) -> member.attend(attendance)));
				this.events.publishEvent(new MemberJoined(room.getId(), room.getName(), caller.sessionId()));
				return room;
			});
			return joined(room);
		}
		current.ifPresent((member) -> leave(caller.sessionId(), member.getRoomId()));
		inRoomOrder(room.getId(), () -> {
			RoomMessagePosted notice = this.transaction.execute((status) -> {
				this.members.save(new RoomMember(caller.sessionId(), room.getId(), caller.userId(), this.clock.instant(),
						attendance));
				return post(room.getId(), null, caller.displayName() + " joined the room");
			});
			// The notice goes to those already there; the joiner subscribes after it.
			this.events.publishEvent(notice);
			this.events.publishEvent(new MemberJoined(room.getId(), room.getName(), caller.sessionId()));
			return notice;
		});
		log.debug("Session {} joined room {}", caller.sessionId(), room.getName());
		return joined(room);
	}

	/** Posts to the caller's current room. */
	public RoomMessagePosted chat(Caller caller, String text) {
		return chatIn(caller, this.memberships.currentRoomId(caller), text);
	}

	/** Posts to the named room, which must be the caller's. */
	public RoomMessagePosted chat(Caller caller, String roomName, String text) {
		return chatIn(caller, this.memberships.requireMemberOf(caller, roomName).getId(), text);
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
		return inRoomOrder(roomId, () -> {
			RoomMessagePosted notice = this.transaction.execute((status) -> {
				RoomMember member = this.members.findById(sessionId).orElse(null);
				if (member == null || !member.getRoomId().equals(roomId)) {
					return null;
				}
				this.members.delete(member);
				String who = this.users.get(member.getUserId()).displayName();
				return post(roomId, null, who + " left the room");
			});
			if (notice == null) {
				return null;
			}
			// Unsubscribe the leaver first: the notice is for those who stay.
			this.events.publishEvent(new MemberLeft(roomId, notice.room(), sessionId));
			this.events.publishEvent(notice);
			return notice.room();
		});
	}

	@EventListener
	void onSessionEnding(SessionEnding ending) {
		this.memberships.of(ending.caller()).ifPresent((member) -> leave(ending.caller().sessionId(), member.getRoomId()));
	}

	private RoomMessagePosted chatIn(Caller caller, long roomId, String text) {
		MessageText body = MessageText.of(text, this.messageSettings);
		return inRoomOrder(roomId, () -> {
			RoomMessagePosted posted = this.transaction.execute((status) -> {
				if (this.memberships.currentRoomId(caller) != roomId) {
					throw new ChatException(ErrorCode.NOT_IN_ROOM, "You left that room");
				}
				return post(roomId, caller, body.value());
			});
			this.events.publishEvent(posted);
			return posted;
		});
	}

	/** Each member once, in the order they came, however many sessions they have there. */
	private JoinedRoom joined(Room room) {
		List<String> names = new ArrayList<>(new LinkedHashSet<>(this.members.findMemberNames(room.getId())));
		return new JoinedRoom(room.getName(), names);
	}

	private Room findOrCreate(RoomName name) {
		return this.rooms.findByName(name.value()).orElseGet(() -> {
			try {
				Room created = this.rooms.saveAndFlush(new Room(name, this.clock.instant()));
				log.info("Created room {}", name.value());
				return created;
			}
			catch (DataIntegrityViolationException ex) {
				// Someone else created it first.
				return this.rooms.findByName(name.value()).orElseThrow(() -> ex);
			}
		});
	}

	/** Numbers and stores a message; call inside a transaction, holding the room's lock. */
	private RoomMessagePosted post(long roomId, @Nullable Caller sender, String text) {
		Room room = this.rooms.findById(roomId).orElseThrow();
		long seq = room.nextSeq();
		Instant now = this.clock.instant();
		this.messages.save(new RoomMessage(roomId, seq, (sender != null) ? sender.userId() : null, text, now));
		return (sender != null)
				? new RoomMessagePosted(roomId, room.getName(), seq, sender.username(), sender.displayName(), text, now)
				: RoomMessagePosted.notice(roomId, room.getName(), seq, text, now);
	}

	private <T> T inRoomOrder(long roomId, Supplier<T> action) {
		Lock lock = this.roomLocks.forKey(roomId);
		lock.lock();
		try {
			return action.get();
		}
		finally {
			lock.unlock();
		}
	}

}

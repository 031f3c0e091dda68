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
import org.progjar.chat.file.FileContent;
import org.progjar.chat.file.FileName;
import org.progjar.chat.file.FileSettings;
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
 * Rooms: membership, numbered messages and shared files.
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

	private final RoomFileRepository files;

	private final UserService users;

	private final RoomSettings settings;

	private final MessageSettings messageSettings;

	private final FileSettings fileSettings;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final StripedLocks roomLocks = new StripedLocks(256);

	RoomService(RoomRepository rooms, RoomMemberRepository members, RoomMessageRepository messages,
			RoomFileRepository files, UserService users, RoomSettings settings, MessageSettings messageSettings,
			FileSettings fileSettings, ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
		this.rooms = rooms;
		this.members = members;
		this.messages = messages;
		this.files = files;
		this.users = users;
		this.settings = settings;
		this.messageSettings = messageSettings;
		this.fileSettings = fileSettings;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Puts the session in the room, creating it if needed, after leaving any other room. */
	public JoinedRoom join(Caller caller, String roomName) {
		RoomName name = RoomName.of(roomName, this.settings);
		Optional<RoomMember> current = this.members.findById(caller.sessionId());
		Room room = findOrCreate(name);
		if (current.isPresent()) {
			if (current.get().getRoomId().equals(room.getId())) {
				// Already there: no notice, but the connection it came through now carries it.
				inRoomOrder(room.getId(), () -> {
					this.events.publishEvent(new MemberJoined(room.getId(), room.getName(), caller.sessionId()));
					return room;
				});
				return joined(room);
			}
			leave(caller.sessionId(), current.get().getRoomId());
		}
		inRoomOrder(room.getId(), () -> {
			RoomMessagePosted notice = this.transaction.execute((status) -> {
				this.members.save(new RoomMember(caller.sessionId(), room.getId(), caller.userId(), this.clock.instant()));
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

	/** Each member once, in the order they came, however many sessions they have there. */
	private JoinedRoom joined(Room room) {
		List<String> names = new ArrayList<>(new LinkedHashSet<>(this.members.findMemberNames(room.getId())));
		return new JoinedRoom(room.getName(), names);
	}

	public RoomMessagePosted chat(Caller caller, String text) {
		MessageText body = MessageText.of(text, this.messageSettings);
		long roomId = currentRoomId(caller);
		return inRoomOrder(roomId, () -> {
			RoomMessagePosted posted = this.transaction.execute((status) -> {
				requireStillIn(caller, roomId);
				return post(roomId, caller, body.value());
			});
			this.events.publishEvent(posted);
			return posted;
		});
	}

	public String leave(Caller caller) {
		long roomId = currentRoomId(caller);
		return leave(caller.sessionId(), roomId);
	}

	/**
	 * Takes the session out of the room if it is still in it there, telling the others; for a
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
		this.members.findById(ending.caller().sessionId())
			.ifPresent((member) -> leave(ending.caller().sessionId(), member.getRoomId()));
	}

	public void sendFile(Caller caller, FileName name, byte[] content) {
		long roomId = currentRoomId(caller);
		this.fileSettings.checkSize(content);
		if (this.files.existsByRoomIdAndName(roomId, name.value())) {
			throw roomFileExists(name);
		}
		try {
			this.files.saveAndFlush(new RoomFile(roomId, caller.userId(), name.value(), content, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			throw roomFileExists(name);
		}
		log.info("User {} shared a file of {} bytes in room {}", caller.username(), content.length, roomId);
	}

	public FileContent getFile(Caller caller, FileName name) {
		long roomId = currentRoomId(caller);
		return this.files.findByRoomIdAndName(roomId, name.value())
			.map((file) -> new FileContent(file.getName(), file.getContent()))
			.orElseThrow(() -> new ChatException(ErrorCode.FILE_NOT_FOUND, "No file [" + name.value() + "] in this room"));
	}

	private long currentRoomId(Caller caller) {
		return this.members.findById(caller.sessionId())
			.map(RoomMember::getRoomId)
			.orElseThrow(() -> new ChatException(ErrorCode.NOT_IN_ROOM, "Join a room first"));
	}

	private void requireStillIn(Caller caller, long roomId) {
		if (currentRoomId(caller) != roomId) {
			throw new ChatException(ErrorCode.NOT_IN_ROOM, "You left that room");
		}
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
				: new RoomMessagePosted(roomId, room.getName(), seq, RoomMessagePosted.SYSTEM, RoomMessagePosted.SYSTEM,
						text, now);
	}

	private static ChatException roomFileExists(FileName name) {
		return new ChatException(ErrorCode.FILE_EXISTS, "A file named [" + name.value() + "] is already in this room");
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

package org.progjar.chat.room;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.session.Caller;
import org.progjar.chat.storage.TransactionScoped;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Answers "which room is this session in" and "may it act in that room" from memory: every room
 * message asks, on the reader and again on the committer, and a database read each time cost more
 * than storing the message. The database stays the record; this is a copy of {@code room_members}
 * that changes only when a change to that table commits.
 * <p>
 * Changes are made inside group-commit writes: {@link #moved} records them for the transaction,
 * where the later writes of the same batch see them, and they reach everyone else only once it
 * has committed. A batch that rolls back leaves nothing behind.
 * <p>
 * A TCP membership lasts as long as the connection that made it, and no connection survives a
 * restart: at start-up, after the beans exist and before the listeners take connections, such
 * rows left by the previous run are deleted and the rest (HTTP memberships) are loaded.
 */
@Component
class Memberships implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(Memberships.class);

	private final Map<Long, Long> roomBySession = new ConcurrentHashMap<>();

	/** A transaction's changes, which only its own writes see until it commits. */
	private final TransactionScoped<Map<Long, @Nullable Long>> pending = new TransactionScoped<>(HashMap::new,
			(changes, committed) -> {
				if (committed) {
					apply(changes);
				}
			});

	private final RoomMemberRepository members;

	private final RoomRepository rooms;

	Memberships(RoomMemberRepository members, RoomRepository rooms) {
		this.members = members;
		this.rooms = rooms;
	}

	@Override
	public void afterSingletonsInstantiated() {
		int stale = this.members.deleteConnectionBound();
		if (stale > 0) {
			log.info("Cleared {} room memberships whose connections ended with the previous run", stale);
		}
		this.members.findAll().forEach((member) -> this.roomBySession.put(member.getSessionId(), member.getRoomId()));
	}

	/** The room the session is in, as the current transaction sees it. */
	OptionalLong roomOf(long sessionId) {
		Map<Long, @Nullable Long> pending = this.pending.peek();
		Long roomId = (pending != null && pending.containsKey(sessionId)) ? pending.get(sessionId)
				: this.roomBySession.get(sessionId);
		return (roomId != null) ? OptionalLong.of(roomId) : OptionalLong.empty();
	}

	/** The caller's current room, for the commands that name none. */
	long currentRoomId(Caller caller) {
		return roomOf(caller.sessionId())
			.orElseThrow(() -> new ChatException(ErrorCode.NOT_IN_ROOM, "Join a room first"));
	}

	Room named(String roomName) {
		return this.rooms.findByName(roomName.strip())
			.orElseThrow(() -> new ChatException(ErrorCode.UNKNOWN_ROOM, "There is no room [" + roomName.strip() + "]"));
	}

	/** The room the request names, if the caller is in it. */
	Room requireMemberOf(Caller caller, String roomName) {
		Room room = named(roomName);
		if (roomOf(caller.sessionId()).orElse(-1) != room.getId()) {
			throw new ChatException(ErrorCode.NOT_A_MEMBER, "You are not in room [" + room.getName() + "]");
		}
		return room;
	}

	/**
	 * Records, inside the transaction that changes {@code room_members}, that the session is now in
	 * {@code roomId} (null: in none). Others see it once that transaction commits.
	 */
	void moved(long sessionId, @Nullable Long roomId) {
		this.pending.get().put(sessionId, roomId);
	}

	private void apply(Map<Long, @Nullable Long> changes) {
		changes.forEach((session, room) -> {
			if (room != null) {
				this.roomBySession.put(session, room);
			}
			else {
				this.roomBySession.remove(session);
			}
		});
	}

}

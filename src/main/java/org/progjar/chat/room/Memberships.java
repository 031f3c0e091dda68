package org.progjar.chat.room;

import java.util.Optional;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.session.Caller;
import org.springframework.stereotype.Component;

/** Answers "which room is this session in" and "may it act in that room", for the room services. */
@Component
class Memberships {

	private final RoomMemberRepository members;

	private final RoomRepository rooms;

	Memberships(RoomMemberRepository members, RoomRepository rooms) {
		this.members = members;
		this.rooms = rooms;
	}

	Optional<RoomMember> of(Caller caller) {
		return this.members.findById(caller.sessionId());
	}

	/** The caller's current room, for the commands that name none. */
	long currentRoomId(Caller caller) {
		return of(caller).map(RoomMember::getRoomId)
			.orElseThrow(() -> new ChatException(ErrorCode.NOT_IN_ROOM, "Join a room first"));
	}

	Room named(String roomName) {
		return this.rooms.findByName(roomName.strip())
			.orElseThrow(() -> new ChatException(ErrorCode.UNKNOWN_ROOM, "There is no room [" + roomName.strip() + "]"));
	}

	/** The room the request names, if the caller is in it. */
	Room requireMemberOf(Caller caller, String roomName) {
		Room room = named(roomName);
		boolean member = of(caller).map((m) -> m.getRoomId().equals(room.getId())).orElse(false);
		if (!member) {
			throw new ChatException(ErrorCode.NOT_A_MEMBER, "You are not in room [" + room.getName() + "]");
		}
		return room;
	}

}

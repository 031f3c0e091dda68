package org.progjar.chat.room;

import java.time.Instant;

/**
 * A message was committed to a room: a chat line, or a system notice when {@link #system()}.
 * Published in room order ({@code seq}), after commit.
 */
public record RoomMessagePosted(long roomId, String room, long seq, String senderUsername, String senderName,
		String text, Instant sentAt) implements RoomEvent {

	public static final String SYSTEM = "[System]";

	static RoomMessagePosted notice(long roomId, String room, long seq, String text, Instant sentAt) {
		return new RoomMessagePosted(roomId, room, seq, SYSTEM, SYSTEM, text, sentAt);
	}

	public boolean system() {
		return SYSTEM.equals(this.senderUsername);
	}

}

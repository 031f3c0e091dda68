package org.progjar.chat.room;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A stored room message as read back; no sender means a system notice. */
record RoomMessageRow(long seq, String body, Instant sentAt, @Nullable String senderUsername,
		@Nullable String senderName) {

	RoomMessagePosted in(long roomId, String room) {
		return (this.senderUsername != null && this.senderName != null)
				? new RoomMessagePosted(roomId, room, this.seq, this.senderUsername, this.senderName, this.body, this.sentAt)
				: RoomMessagePosted.notice(roomId, room, this.seq, this.body, this.sentAt);
	}

}

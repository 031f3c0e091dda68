package org.progjar.chat.stream;

/**
 * What a stream is told, live or replayed, with its event data already encoded: encoded once
 * per event, however many streams receive it.
 */
sealed interface StreamUpdate {

	/** A direct message to the stream's user: {@code event: message}. */
	record DirectMessage(long id, String json) implements StreamUpdate {
	}

	/** A chat line or a join/leave notice in a room: {@code event: broadcast}. */
	record RoomMessage(long roomId, long seq, String json) implements StreamUpdate {
	}

	/**
	 * The stream's session joined a room: {@code event: room}.
	 * @param seq the room's newest message number at the join; what follows is the session's
	 */
	record Joined(long roomId, long seq, String json) implements StreamUpdate {
	}

	/**
	 * The stream's session left a room: {@code event: room} with a null room.
	 * @param seq the room's newest message number at the leave (its leave notice)
	 */
	record Left(long roomId, long seq, String json) implements StreamUpdate {
	}

}

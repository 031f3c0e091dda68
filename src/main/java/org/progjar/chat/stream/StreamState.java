package org.progjar.chat.stream;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.stream.StreamUpdate.DirectMessage;
import org.progjar.chat.stream.StreamUpdate.Joined;
import org.progjar.chat.stream.StreamUpdate.Left;
import org.progjar.chat.stream.StreamUpdate.RoomMessage;

/**
 * A stream's cursor and the rules that move it, apart from threads and I/O. An update yields
 * the event to send, or nothing: a message at or below the cursor has been sent already, and a
 * room message counts only in the room the cursor is in, which follows the session's joins and
 * leaves. Not thread-safe: its {@link EventSubscriber} holds a lock around it.
 */
final class StreamState {

	private StreamCursor cursor;

	/** While updates held back during a catch-up are applied: where the catch-up left the room it read. */
	private StreamCursor.@Nullable Position anchor;

	StreamState(StreamCursor start) {
		this.cursor = start;
	}

	StreamCursor cursor() {
		return this.cursor;
	}

	/**
	 * The updates that follow were held back while the room was read, so some may predate that
	 * read: a join or leave of the room read, numbered at or below the position reached in it,
	 * is one the read already reflects (the session left and came back meanwhile).
	 */
	void applyingHeldUpdates() {
		this.anchor = this.cursor.room();
	}

	void live() {
		this.anchor = null;
	}

	@Nullable Event apply(StreamUpdate update) {
		return switch (update) {
			case DirectMessage message -> {
				if (message.id() <= this.cursor.dmId()) {
					yield null;
				}
				yield moveTo(this.cursor.withDm(message.id()), "message", message.json());
			}
			case RoomMessage message -> {
				StreamCursor.Position room = this.cursor.room();
				if (room == null || room.roomId() != message.roomId() || message.seq() <= room.seq()) {
					yield null;
				}
				yield moveTo(this.cursor.in(message.roomId(), message.seq()), "broadcast", message.json());
			}
			case Joined joined -> {
				if (this.cursor.isIn(joined.roomId())) {
					yield null;
				}
				StreamCursor.Position read = this.anchor;
				// Back in the room read: the catch-up has already taken the stream further into it.
				long seq = (read != null && read.roomId() == joined.roomId() && joined.seq() <= read.seq()) ? read.seq()
						: joined.seq();
				yield moveTo(this.cursor.in(joined.roomId(), seq), "room", joined.json());
			}
			case Left left -> {
				StreamCursor.Position read = this.anchor;
				boolean predatesRead = read != null && read.roomId() == left.roomId() && left.seq() <= read.seq();
				if (!this.cursor.isIn(left.roomId()) || predatesRead) {
					yield null;
				}
				yield moveTo(this.cursor.outsideRooms(), "room", left.json());
			}
		};
	}

	private Event moveTo(StreamCursor next, String type, String json) {
		this.cursor = next;
		return new Event(type, next.value(), json);
	}

	/** One SSE event: its type, its id (the cursor after it) and its data. */
	record Event(String type, String id, String json) {
	}

}

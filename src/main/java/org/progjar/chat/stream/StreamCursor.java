package org.progjar.chat.stream;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

/**
 * How far a stream has got, over both of its sources: the id of the last direct message sent to
 * it and, while its session is in a room, that room and the number of the last room message sent.
 * Every event carries the cursor after it as its SSE {@code id}, so the {@code Last-Event-ID} of a
 * reconnecting client says exactly what it has. Both numbers only grow in publication order (per
 * recipient, per room), which is what makes "after this" well defined.
 * <p>
 * Written {@code <dmId>-<roomId>.<seq>}, or {@code <dmId>} outside rooms.
 */
record StreamCursor(long dmId, @Nullable Position room) {

	private static final Pattern FORMAT = Pattern.compile("(\\d{1,18})(?:-(\\d{1,18})\\.(\\d{1,18}))?");

	static StreamCursor parse(String text) {
		Matcher matcher = FORMAT.matcher(text.strip());
		if (!matcher.matches()) {
			throw new ChatException(ErrorCode.INVALID_PARAMETER,
					"Last-Event-ID must be an event id this server sent, or absent for a fresh stream");
		}
		Position room = (matcher.group(2) != null)
				? new Position(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3))) : null;
		return new StreamCursor(Long.parseLong(matcher.group(1)), room);
	}

	boolean isIn(long roomId) {
		return this.room != null && this.room.roomId() == roomId;
	}

	@Nullable Long roomId() {
		return (this.room != null) ? this.room.roomId() : null;
	}

	StreamCursor withDm(long id) {
		return new StreamCursor(id, this.room);
	}

	StreamCursor in(long roomId, long seq) {
		return new StreamCursor(this.dmId, new Position(roomId, seq));
	}

	StreamCursor outsideRooms() {
		return new StreamCursor(this.dmId, null);
	}

	String value() {
		return (this.room != null) ? this.dmId + "-" + this.room.roomId() + "." + this.room.seq() : Long.toString(this.dmId);
	}

	/** A room, and the number of the last of its messages accounted for. */
	record Position(long roomId, long seq) {
	}

}

package org.progjar.chat.protocol;

import org.progjar.chat.room.RoomMessagePosted;

/**
 * The room broadcast event, with the keys the original client reads, plus room and seq. Public
 * because the HTTP event stream sends exactly this object too.
 */
public final class Broadcasts {

	private Broadcasts() {
	}

	// {"status":"OK","type":"broadcast","display":N,"messages":T,"username":U,"room":R,"seq":S}
	public static Reply of(RoomMessagePosted posted) {
		return Reply.ok()
			.with("type", "broadcast")
			.with("display", posted.senderName())
			.with("messages", posted.text())
			.with("username", posted.senderUsername())
			.with("room", posted.room())
			.with("seq", posted.seq());
	}

}

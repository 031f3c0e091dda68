package org.progjar.chat.room;

import org.progjar.chat.push.PushEvent;

/** What happens in a room, as the transports need to hear it. Published in room order after commit. */
public sealed interface RoomEvent extends PushEvent permits RoomMessagePosted, MemberJoined, MemberLeft {

	long roomId();

	/** The room's name. */
	String room();

}

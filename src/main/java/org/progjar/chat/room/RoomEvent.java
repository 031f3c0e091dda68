package org.progjar.chat.room;

/**
 * What happens in a room, as the transports need to hear it. Published in room order after
 * commit and forwarded to the {@code roomEvents} channel (see {@link RoomEventChannel}).
 */
public sealed interface RoomEvent permits RoomMessagePosted, MemberJoined, MemberLeft {

	long roomId();

}

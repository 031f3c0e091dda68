package org.progjar.chat.room;

/** A session joined a room; published after commit, after the join notice went to the others. */
public record MemberJoined(long roomId, String room, long sessionId) implements RoomEvent {
}

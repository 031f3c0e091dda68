package org.progjar.chat.room;

/** A session left a room; published after commit, before the leave notice goes to the others. */
public record MemberLeft(long roomId, String room, long sessionId) implements RoomEvent {
}

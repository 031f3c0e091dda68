package org.progjar.chat.room;

/** A room as the room list shows it. */
public record RoomSummary(String name, long members) {
}

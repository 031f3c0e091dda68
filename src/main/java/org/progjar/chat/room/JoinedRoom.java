package org.progjar.chat.room;

import java.util.List;

/** The room a session is in after joining, with the display names of everyone in it. */
public record JoinedRoom(String room, List<String> members) {
}

/**
 * Rooms: membership (a session in at most one room), numbered messages in one order for every
 * member, shared files, and the {@link org.progjar.chat.room.RoomEvent}s the transports push. Owns
 * the {@code rooms}, {@code room_members}, {@code room_messages} and {@code room_files} tables.
 */
@NullMarked
package org.progjar.chat.room;

import org.jspecify.annotations.NullMarked;

package org.progjar.chat.room;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends room messages with one plain insert each, inside the group commit's transaction. Room
 * messages are the one write that every chat line makes, and through JPA (an entity per message
 * to persist, track and flush) it cost the single committer thread about as much as the
 * database's own work. Reading them stays with {@link RoomMessageRepository}.
 * <p>
 * Ids come from {@code room_messages_seq}, one per message (see the V3 migration for its
 * cache): unique and rising, with gaps after a restart.
 */
@Component
class RoomMessageWriter {

	private static final String INSERT = """
			insert into room_messages (id, room_id, seq, sender_id, body, sent_at)
			values (next value for room_messages_seq, ?, ?, ?, ?, ?)""";

	private final JdbcClient jdbc;

	RoomMessageWriter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void append(long roomId, long seq, @Nullable Long senderId, String body, Instant sentAt) {
		this.jdbc.sql(INSERT).params(roomId, seq, senderId, body, sentAt).update();
	}

}

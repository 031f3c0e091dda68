package org.progjar.chat.message;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Stores direct messages with one plain insert each, inside the group commit's transaction, the
 * way room messages are appended (see {@code RoomMessageWriter}): through JPA, an entity per
 * message to persist and flush cost the single committer thread more than the insert itself.
 * Reading them, and marking them delivered, stays with {@link DirectMessageRepository}.
 * <p>
 * Ids come from {@code direct_messages_seq}, one per message (see the V4 migration).
 */
@Component
class DirectMessageWriter {

	private static final String INSERT = """
			insert into direct_messages (id, sender_id, recipient_id, body, sent_at, delivered_at)
			values (next value for direct_messages_seq, ?, ?, ?, ?, ?)""";

	private final JdbcClient jdbc;

	DirectMessageWriter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param deliveredAt when it was delivered, if it is delivered as it is stored; else null
	 * @return the new message's id
	 */
	long append(long senderId, long recipientId, String body, Instant sentAt, @Nullable Instant deliveredAt) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql(INSERT).params(senderId, recipientId, body, sentAt, deliveredAt).update(keys, "id");
		return Objects.requireNonNull(keys.getKeyAs(Long.class), "the new message's id");
	}

}

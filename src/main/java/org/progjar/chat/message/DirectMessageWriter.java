package org.progjar.chat.message;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Stores direct messages with one plain insert each, inside the group commit's transaction, the
 * way room messages are appended (see {@code RoomMessageWriter}): through JPA, an entity per
 * message to persist and flush cost the single committer thread more than the insert itself.
 * Delivering them by inbox is done here too, for the same thread; reading them for history
 * stays with {@link DirectMessageRepository}.
 * <p>
 * A message waits in the inbox while it has a row in {@code undelivered_messages} (see the V6
 * migration). Ids come from {@code direct_messages_seq}, one per message (see V4).
 */
@Component
class DirectMessageWriter {

	private static final String INSERT = """
			insert into direct_messages (id, sender_id, recipient_id, body, sent_at)
			values (next value for direct_messages_seq, ?, ?, ?, ?)""";

	private static final String INSERT_UNDELIVERED = "insert into undelivered_messages (message_id, recipient_id) values (?, ?)";

	/**
	 * H2 plans a statement once and keeps the plan in its connection's statement cache: planned
	 * while the table is nearly empty, a query can pick an index that reads far more than it
	 * returns later on, so the index is named. Ordered by both of its columns, the index hands
	 * out the oldest first and H2 stops at the limit instead of sorting the whole backlog.
	 */
	private static final String OLDEST_UNDELIVERED = """
			select id, sender_id, body from direct_messages where id in (
				select message_id from undelivered_messages use index (undelivered_messages_recipient_ix)
				where recipient_id = ? order by recipient_id, message_id fetch first ? rows only)
			order by id""";

	private static final String MARK_DELIVERED = "delete from undelivered_messages where message_id in (:ids)";

	private final JdbcClient jdbc;

	DirectMessageWriter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param delivered whether it is delivered as it is stored; if not, it waits in the inbox
	 * @return the new message's id
	 */
	long append(long senderId, long recipientId, String body, Instant sentAt, boolean delivered) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql(INSERT).params(senderId, recipientId, body, sentAt).update(keys, "id");
		long id = Objects.requireNonNull(keys.getKeyAs(Long.class), "the new message's id");
		if (!delivered) {
			this.jdbc.sql(INSERT_UNDELIVERED).params(id, recipientId).update();
		}
		return id;
	}

	/**
	 * The recipient's oldest undelivered messages, marked delivered: as entities, a large inbox
	 * filled the committer's persistence context, and every later query in its batch checked
	 * them all for changes first.
	 */
	List<Undelivered> deliverOldest(long recipientId, int limit) {
		List<Undelivered> oldest = this.jdbc.sql(OLDEST_UNDELIVERED)
			.params(recipientId, limit)
			.query((row, number) -> new Undelivered(row.getLong("id"), row.getLong("sender_id"), row.getString("body")))
			.list();
		if (!oldest.isEmpty()) {
			this.jdbc.sql(MARK_DELIVERED).param("ids", oldest.stream().map(Undelivered::id).toList()).update();
		}
		return oldest;
	}

	/** A message as {@code inbox} hands it out. */
	record Undelivered(long id, long senderId, String body) {
	}

}

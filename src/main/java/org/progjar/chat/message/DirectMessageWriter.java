package org.progjar.chat.message;

import java.time.Instant;
import java.util.List;
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
 * Delivering them by inbox is done here too, for the same thread; reading them for history
 * stays with {@link DirectMessageRepository}.
 * <p>
 * Ids come from {@code direct_messages_seq}, one per message (see the V4 migration).
 */
@Component
class DirectMessageWriter {

	private static final String INSERT = """
			insert into direct_messages (id, sender_id, recipient_id, body, sent_at, delivered_at)
			values (next value for direct_messages_seq, ?, ?, ?, ?, ?)""";

	/**
	 * H2 plans a statement once and keeps the plan in its connection's statement cache: planned
	 * while the table was nearly empty, this query read the recipient's whole history through
	 * the foreign key's index, slower with every message. Named, the index that holds exactly the
	 * undelivered messages in order is used whatever the table looked like then.
	 */
	private static final String OLDEST_UNDELIVERED = """
			select id, sender_id, body from direct_messages use index (direct_messages_inbox_ix)
			where recipient_id = ? and delivered_at is null order by id fetch first ? rows only""";

	private static final String MARK_DELIVERED = "update direct_messages set delivered_at = :at where id in (:ids)";

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

	/**
	 * The recipient's oldest undelivered messages, marked delivered: as entities, a large inbox
	 * filled the committer's persistence context, and every later query in its batch checked
	 * them all for changes first.
	 */
	List<Undelivered> deliverOldest(long recipientId, int limit, Instant deliveredAt) {
		List<Undelivered> oldest = this.jdbc.sql(OLDEST_UNDELIVERED)
			.params(recipientId, limit)
			.query((row, number) -> new Undelivered(row.getLong("id"), row.getLong("sender_id"), row.getString("body")))
			.list();
		if (!oldest.isEmpty()) {
			this.jdbc.sql(MARK_DELIVERED)
				.param("at", deliveredAt)
				.param("ids", oldest.stream().map(Undelivered::id).toList())
				.update();
		}
		return oldest;
	}

	/** A message as {@code inbox} hands it out. */
	record Undelivered(long id, long senderId, String body) {
	}

}

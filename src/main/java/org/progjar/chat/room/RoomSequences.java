package org.progjar.chat.room;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.progjar.chat.storage.TransactionScoped;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Numbers room messages. Each room's newest number is kept in memory and written to
 * {@code rooms.last_seq} once per room and batch, just before the batch commits: loading the room
 * and letting Hibernate dirty-check and update it for every batch took a fifth of the committer's
 * time when one room was busy.
 * <p>
 * Only group-commit writes number messages, so the committed numbers here are the database's. A
 * batch's numbers count for later writes of the same batch and for everyone once it commits; a
 * batch that rolls back forgets its rooms' numbers, and the rerun of its writes reads them again.
 */
@Component
class RoomSequences {

	private static final String LAST = "select last_seq from rooms where id = ?";

	private static final String STORE = "update rooms set last_seq = ? where id = ?";

	private final Map<Long, Long> committed = new ConcurrentHashMap<>();

	private final TransactionScoped<Map<Long, Long>> batch;

	private final JdbcClient jdbc;

	RoomSequences(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.batch = new TransactionScoped<>(HashMap::new, this::store, this::settle);
	}

	/** The room's next message number; inside a group-commit write, after the room was stored. */
	long next(long roomId) {
		return this.batch.get().compute(roomId, (id, last) -> ((last != null) ? last : committedLast(id)) + 1);
	}

	private long committedLast(long roomId) {
		return this.committed.computeIfAbsent(roomId,
				(id) -> this.jdbc.sql(LAST).param(id).query(Long.class).single());
	}

	private void store(Map<Long, Long> numbered) {
		numbered.forEach((roomId, last) -> this.jdbc.sql(STORE).params(last, roomId).update());
	}

	private void settle(Map<Long, Long> numbered, boolean committed) {
		if (committed) {
			this.committed.putAll(numbered);
		}
		else {
			numbered.keySet().forEach(this.committed::remove);
		}
	}

}

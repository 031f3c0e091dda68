package org.progjar.chat.room;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.progjar.chat.storage.GroupCommit;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HeldCommitter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Room message numbers against the real database: one batch numbers in order and stores the last
 * number with its commit, and a batch that rolls back hands its numbers out again.
 */
@ChatServerTest
class RoomSequencesIntegrationTests {

	private static final AtomicLong ids = new AtomicLong(System.nanoTime());

	@Autowired
	private RoomSequences sequences;

	@Autowired
	private GroupCommit commits;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aBatchNumbersInOrderAndStoresItsLastNumberWithTheCommit() throws Exception {
		long room = insertRoom(41);
		List<Future<Long>> numbered = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
				HeldCommitter committer = HeldCommitter.hold(this.commits, clients)) {
			for (int i = 0; i < 5; i++) {
				numbered.add(clients.submit(() -> this.commits.write(() -> this.sequences.next(room))));
				committer.awaitQueued(i + 1);
			}
			committer.release();
			assertThat(results(numbered)).containsExactly(42L, 43L, 44L, 45L, 46L);
		}
		assertThat(lastSeq(room)).isEqualTo(46);
		assertThat(this.commits.write(() -> this.sequences.next(room))).isEqualTo(47);
		assertThat(lastSeq(room)).isEqualTo(47);
	}

	@Test
	void aBatchThatRollsBackHandsItsNumbersOutAgain() throws Exception {
		long room = insertRoom(0);
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
				HeldCommitter committer = HeldCommitter.hold(this.commits, clients)) {
			Future<Long> first = clients.submit(() -> this.commits.write(() -> this.sequences.next(room)));
			committer.awaitQueued(1);
			Future<Long> second = clients.submit(() -> this.commits.write(() -> this.sequences.next(room)));
			committer.awaitQueued(2);
			// Not a refusal: it rolls the whole batch back, and each write runs again alone.
			Future<Long> broken = clients.submit(() -> this.commits.write(() -> {
				this.sequences.next(room);
				throw new IllegalStateException("broken after numbering");
			}));
			committer.awaitQueued(3);
			Future<Long> last = clients.submit(() -> this.commits.write(() -> this.sequences.next(room)));
			committer.awaitQueued(4);
			committer.release();
			assertThat(results(List.of(first, second, last))).containsExactly(1L, 2L, 3L);
			assertThatThrownBy(() -> broken.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("broken after numbering");
		}
		assertThat(lastSeq(room)).isEqualTo(3);
	}

	private long insertRoom(long lastSeq) {
		long id = ids.incrementAndGet();
		this.jdbc.update("insert into rooms (id, name, last_seq, created_at) values (?, ?, ?, current_timestamp)", id,
				"seq-" + id, lastSeq);
		return id;
	}

	private long lastSeq(long room) {
		return this.jdbc.queryForObject("select last_seq from rooms where id = ?", Long.class, room);
	}

	private static List<Long> results(List<Future<Long>> numbered) throws Exception {
		List<Long> results = new ArrayList<>();
		for (Future<Long> number : numbered) {
			results.add(number.get(30, TimeUnit.SECONDS));
		}
		return results;
	}

}

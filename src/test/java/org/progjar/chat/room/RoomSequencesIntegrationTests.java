package org.progjar.chat.room;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.progjar.chat.storage.GroupCommit;
import org.progjar.chat.testing.ChatServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
				Held held = holdTheCommitter(clients)) {
			for (int i = 0; i < 5; i++) {
				numbered.add(clients.submit(() -> this.commits.write(() -> this.sequences.next(room))));
				awaitQueued(i + 1);
			}
			held.release();
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
				Held held = holdTheCommitter(clients)) {
			Future<Long> first = clients.submit(() -> this.commits.write(() -> this.sequences.next(room)));
			awaitQueued(1);
			Future<Long> second = clients.submit(() -> this.commits.write(() -> this.sequences.next(room)));
			awaitQueued(2);
			// Not a refusal: it rolls the whole batch back, and each write runs again alone.
			Future<Long> broken = clients.submit(() -> this.commits.write(() -> {
				this.sequences.next(room);
				throw new IllegalStateException("broken after numbering");
			}));
			awaitQueued(3);
			Future<Long> last = clients.submit(() -> this.commits.write(() -> this.sequences.next(room)));
			awaitQueued(4);
			held.release();
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

	/** Keeps the committer busy with a write until released, so that the next ones queue up. */
	private Held holdTheCommitter(ExecutorService clients) {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		clients.submit(() -> this.commits.write(() -> {
			started.countDown();
			try {
				return release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}));
		await().atMost(Duration.ofSeconds(30)).until(() -> started.getCount() == 0);
		return release::countDown;
	}

	private void awaitQueued(int writes) {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.commits.queued() >= writes);
	}

	private static List<Long> results(List<Future<Long>> numbered) throws Exception {
		List<Long> results = new ArrayList<>();
		for (Future<Long> number : numbered) {
			results.add(number.get(30, TimeUnit.SECONDS));
		}
		return results;
	}

	/** Lets the held write go, also when the test fails early, so the clients can close. */
	private interface Held extends AutoCloseable {

		void release();

		@Override
		default void close() {
			release();
		}

	}

}

package org.progjar.chat.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.testing.ChatServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The committer against the real database: writes that wait together commit together, a refused
 * or broken write fails alone, and follow-ups run after the commit in the order the work ran.
 */
@ChatServerTest
class GroupCommitIntegrationTests {

	private static final AtomicLong ids = new AtomicLong(System.nanoTime());

	@Autowired
	private GroupCommit commits;

	@Autowired
	private JdbcTemplate jdbc;

	/** Distinct transactions the writes ran in. */
	private final Set<Object> transactions = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

	private final List<String> worked = Collections.synchronizedList(new ArrayList<>());

	private final List<String> followedUp = Collections.synchronizedList(new ArrayList<>());

	@Test
	void writesWaitingTogetherShareOneTransactionAndFollowUpInOrderAfterCommit() throws Exception {
		String prefix = UUID.randomUUID().toString().substring(0, 8);
		CountDownLatch blocking = new CountDownLatch(1);
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor(); Release release = blocking::countDown) {
			Future<?> first = holdCommitter(clients, prefix, blocking);
			List<Future<String>> others = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				String name = prefix + "-" + i;
				others.add(clients.submit(() -> this.commits.write(() -> insertRoom(name), this::followUp)));
			}
			awaitQueued(40);
			blocking.countDown();
			first.get(30, TimeUnit.SECONDS);
			for (Future<String> other : others) {
				assertThat(other.get(30, TimeUnit.SECONDS)).startsWith(prefix);
			}
		}
		assertThat(this.transactions).hasSize(2);
		assertThat(this.followedUp).containsExactlyElementsOf(this.worked);
		assertThat(roomsNamed(prefix)).isEqualTo(41);
	}

	@Test
	void aRefusedOrBrokenWriteFailsAloneAndItsNeighboursCommit() throws Exception {
		String prefix = UUID.randomUUID().toString().substring(0, 8);
		CountDownLatch blocking = new CountDownLatch(1);
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor(); Release release = blocking::countDown) {
			Future<?> first = holdCommitter(clients, prefix, blocking);
			// Queued one at a time, so the batch has them in this order.
			Future<String> before = clients.submit(() -> this.commits.write(() -> insertRoom(prefix + "-a"), this::followUp));
			awaitQueued(1);
			Future<String> refused = clients.submit(() -> this.commits.write(() -> {
				throw new ChatException(ErrorCode.NOT_IN_ROOM, "refused");
			}, this::followUp));
			awaitQueued(2);
			// The same name twice: the second breaks the batch's commit on the unique constraint.
			Future<String> broken = clients.submit(() -> this.commits.write(() -> insertRoom(prefix + "-a"), this::followUp));
			awaitQueued(3);
			Future<String> after = clients.submit(() -> this.commits.write(() -> insertRoom(prefix + "-b"), this::followUp));
			awaitQueued(4);
			blocking.countDown();
			first.get(30, TimeUnit.SECONDS);
			assertThat(before.get(30, TimeUnit.SECONDS)).isEqualTo(prefix + "-a");
			assertThat(after.get(30, TimeUnit.SECONDS)).isEqualTo(prefix + "-b");
			assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ChatException.class);
			assertThatThrownBy(() -> broken.get(30, TimeUnit.SECONDS)).hasRootCauseMessage(
					rootMessageOfDuplicate(prefix));
		}
		assertThat(roomsNamed(prefix)).isEqualTo(3);
		assertThat(this.followedUp).doesNotContain("refused").hasSize(3);
	}

	/** Keeps the committer busy with a first write until released, so that the next ones queue up. */
	private Future<?> holdCommitter(ExecutorService clients, String prefix, CountDownLatch blocking) {
		CountDownLatch started = new CountDownLatch(1);
		Future<?> first = clients.submit(() -> this.commits.write(() -> {
			started.countDown();
			hold(blocking);
			return insertRoom(prefix + "-first");
		}, this::followUp));
		await().until(() -> started.getCount() == 0);
		return first;
	}

	private String rootMessageOfDuplicate(String prefix) {
		try {
			this.jdbc.update("insert into rooms (id, name, last_seq, created_at) values (?, ?, 0, current_timestamp)",
					ids.incrementAndGet(), prefix + "-a");
			throw new AssertionError("The duplicate went in");
		}
		catch (RuntimeException ex) {
			Throwable root = ex;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			return root.getMessage();
		}
	}

	private String insertRoom(String name) {
		Object transaction = TransactionSynchronizationManager.getResource(this);
		if (transaction == null) {
			Object marker = new Object();
			TransactionSynchronizationManager.bindResource(this, marker);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResource(GroupCommitIntegrationTests.this);
				}
			});
			this.transactions.add(marker);
		}
		this.jdbc.update("insert into rooms (id, name, last_seq, created_at) values (?, ?, 0, current_timestamp)",
				ids.incrementAndGet(), name);
		this.worked.add(name);
		return name;
	}

	private void followUp(String name) {
		assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
		assertThat(this.jdbc.queryForObject("select count(*) from rooms where name = ?", Long.class, name))
			.as("committed before its follow-up").isEqualTo(1);
		this.followedUp.add(name);
	}

	private long roomsNamed(String prefix) {
		return this.jdbc.queryForObject("select count(*) from rooms where name like ?", Long.class, prefix + "-%");
	}

	private void awaitQueued(int writes) {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.commits.queued() >= writes);
	}

	/** Lets the held write go even when the test fails early, so the clients can close. */
	private interface Release extends AutoCloseable {

		@Override
		void close();

	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

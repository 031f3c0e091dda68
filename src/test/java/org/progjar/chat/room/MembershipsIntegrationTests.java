package org.progjar.chat.room;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import org.progjar.chat.testing.ChatServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-memory copy of room memberships: a change is seen inside its own transaction at once,
 * by everyone else only after it commits, and never if it rolls back.
 */
@ChatServerTest
class MembershipsIntegrationTests {

	@Autowired
	private Memberships memberships;

	@Autowired
	private TransactionTemplate transaction;

	@Test
	void aChangeIsSeenInItsTransactionAndByOthersOnlyOnceCommitted() {
		long session = uniqueSession();
		this.transaction.executeWithoutResult((status) -> {
			this.memberships.moved(session, 7L);
			assertThat(this.memberships.roomOf(session)).hasValue(7);
			assertThat(roomSeenFromAnotherThread(session)).isEmpty();
		});
		assertThat(this.memberships.roomOf(session)).hasValue(7);
		assertThat(roomSeenFromAnotherThread(session)).hasValue(7);

		this.transaction.executeWithoutResult((status) -> this.memberships.moved(session, null));
		assertThat(this.memberships.roomOf(session)).isEmpty();
	}

	@Test
	void aChangeThatRollsBackLeavesNothingBehind() {
		long session = uniqueSession();
		this.transaction.executeWithoutResult((status) -> this.memberships.moved(session, 3L));
		assertThatThrownBy(() -> this.transaction.executeWithoutResult((status) -> {
			this.memberships.moved(session, 4L);
			throw new IllegalStateException("the batch fails");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(this.memberships.roomOf(session)).hasValue(3);

		this.transaction.executeWithoutResult((status) -> {
			this.memberships.moved(session, null);
			status.setRollbackOnly();
		});
		assertThat(this.memberships.roomOf(session)).hasValue(3);
	}

	@Test
	void aChangeOutsideATransactionIsRefused() {
		assertThatThrownBy(() -> this.memberships.moved(uniqueSession(), 1L)).isInstanceOf(IllegalStateException.class);
	}

	private OptionalLong roomSeenFromAnotherThread(long session) {
		try (ExecutorService other = Executors.newVirtualThreadPerTaskExecutor()) {
			return CompletableFuture.supplyAsync(() -> this.memberships.roomOf(session), other).join();
		}
	}

	/** Ids no real session has: the copy is keyed by number only. */
	private static long uniqueSession() {
		return -System.nanoTime();
	}

}

package org.progjar.chat.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.progjar.chat.storage.GroupCommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keeps the group committer busy with one write until released, so that the writes submitted
 * meanwhile queue up and then run in one batch, in the order they queued. Closing it lets go
 * too, so that a test that fails early does not leave its clients waiting.
 */
public final class HeldCommitter implements AutoCloseable {

	private static final Duration PATIENCE = Duration.ofMinutes(1);

	private final GroupCommit commits;

	private final CountDownLatch release = new CountDownLatch(1);

	private final Future<?> holding;

	private HeldCommitter(GroupCommit commits, ExecutorService pool) throws InterruptedException {
		this.commits = commits;
		CountDownLatch held = new CountDownLatch(1);
		this.holding = pool.submit(() -> commits.write(() -> {
			held.countDown();
			return awaitQuietly(this.release);
		}));
		assertThat(held.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the committer is held").isTrue();
	}

	/** Returns once the committer is inside the holding write. */
	public static HeldCommitter hold(GroupCommit commits, ExecutorService pool) throws InterruptedException {
		return new HeldCommitter(commits, pool);
	}

	/** Waits until exactly this many writes wait behind the held one. */
	public void awaitQueued(int writes) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(5))
			.until(this.commits::queued, (queued) -> queued == writes);
	}

	/** Lets the held write end, and waits until it has. */
	public void release() throws Exception {
		this.release.countDown();
		this.holding.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.release.countDown();
	}

	private static boolean awaitQuietly(CountDownLatch release) {
		try {
			return release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}

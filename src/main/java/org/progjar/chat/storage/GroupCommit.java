package org.progjar.chat.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.support.OutputBatch;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits many clients' writes in one transaction. A commit costs about the same for one row as
 * for a hundred, so under load a single committer thread takes whatever writes are waiting, runs
 * them in order inside one transaction, commits, and only then runs their follow-ups (publishing
 * what was stored) in the same order and answers their callers. Nothing is acknowledged before
 * it is written; nobody waits for a timer either: a write that arrives at an idle committer is
 * committed at once, alone.
 * <p>
 * Being the only writer also orders things: writes commit and publish in the order submitted, so
 * a room's messages are numbered, stored and delivered in one order without a lock per room.
 * <p>
 * A write must check before it changes anything: a {@link ChatException} fails only that write.
 * Any other failure rolls the batch back and each of its writes is run again alone, so one bad
 * write cannot take its neighbours down. Before start-up and after shutdown writes run on the
 * caller's thread, each in its own transaction.
 */
@Component
public class GroupCommit implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	/** Stops after everything that submits writes (listeners, web server) and starts before it. */
	private static final int PHASE = Integer.MIN_VALUE + 1000;

	private final BlockingQueue<Write<?>> queue;

	private final TransactionTemplate transaction;

	private final List<FollowUpContext> contexts;

	private final int maxBatch;

	private final DistributionSummary batchSizes;

	private final Timer commitTimes;

	private volatile boolean running;

	/** Set while the committer runs a batch, from taking it until its callers are answered. */
	private volatile boolean committing;

	private volatile @Nullable Thread committer;

	GroupCommit(TransactionTemplate transaction, List<FollowUpContext> contexts, StorageSettings settings,
			MeterRegistry meters) {
		this.transaction = transaction;
		this.contexts = contexts;
		this.maxBatch = settings.commitBatch();
		this.queue = new ArrayBlockingQueue<>(settings.commitQueue());
		this.batchSizes = DistributionSummary.builder("chat.storage.commit.writes")
			.description("Writes committed together in one transaction")
			.register(meters);
		this.commitTimes = Timer.builder("chat.storage.commit.time")
			.description("Time to run and commit one batch of writes, follow-ups excluded")
			.register(meters);
		Gauge.builder("chat.storage.commit.queued", this.queue, BlockingQueue::size)
			.description("Writes waiting for the committer")
			.register(meters);
	}

	/**
	 * As {@link #write(Supplier, Consumer)}, for work whose result goes only to the caller, with
	 * nothing to publish.
	 */
	public <T> T write(Supplier<T> work) {
		return write(work, (result) -> {
		});
	}

	/**
	 * Runs {@code work} in a shared transaction and {@code followUp} with its result once that
	 * transaction has committed, both on the committer thread.
	 * @return the result of {@code work}, once committed and followed up
	 * @throws ChatException if the work refused
	 */
	public <T> T write(Supplier<T> work, Consumer<? super T> followUp) {
		return await(submit(work, followUp));
	}

	/**
	 * As {@link #write}, without waiting: the caller may go on (a TCP reader takes the client's
	 * next request) while the write is stored.
	 * @return completed on the committer thread, once committed and followed up; or failed,
	 * with the {@link ChatException} if the work refused
	 */
	public <T> CompletableFuture<T> submit(Supplier<T> work, Consumer<? super T> followUp) {
		Write<T> write = new Write<>(work);
		// Contexts are captured here, on the submitting thread.
		Runnable wrapped = () -> followUp.accept(write.result);
		for (FollowUpContext context : this.contexts) {
			wrapped = context.capture(wrapped);
		}
		write.followUp = wrapped;
		// A follow-up that writes (say, a client dropped while a broadcast went out leaves its
		// room) must not wait for the committer it is running on.
		if (!this.running || Thread.currentThread() == this.committer || !enqueue(write)) {
			commitAlone(write);
			write.complete();
		}
		return write.done;
	}

	/** Waits for what {@link #submit} returned: its result, or its failure as thrown. */
	public static <T> T await(CompletableFuture<T> stored) {
		try {
			return stored.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/** Writes waiting for the committer. */
	public int queued() {
		return this.queue.size();
	}

	/** Whether writes wait for the committer or are being committed now. */
	public boolean isBusy() {
		return this.committing || !this.queue.isEmpty();
	}

	/** @return false if the committer stopped before it could take the write */
	private boolean enqueue(Write<?> write) {
		try {
			this.queue.put(write);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to store", ex);
		}
		// The committer drains the queue after it is told to stop; a write that got in after
		// that last drain is still ours to run.
		return this.running || !this.queue.remove(write);
	}

	@Override
	public void start() {
		this.running = true;
		Thread thread = Thread.ofPlatform().name("group-commit").daemon().unstarted(this::commitLoop);
		this.committer = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.committer;
		if (thread != null) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void commitLoop() {
		List<Write<?>> batch = new ArrayList<>(this.maxBatch);
		while (this.running || !this.queue.isEmpty()) {
			try {
				Write<?> first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				this.committing = true;
				batch.add(first);
				this.queue.drainTo(batch, this.maxBatch - 1);
				this.batchSizes.record(batch.size());
				this.commitTimes.record(() -> commit(batch));
			}
			catch (InterruptedException ex) {
				// Only stop() may end the loop: queued writes are waited for.
			}
			catch (RuntimeException | Error ex) {
				// Everything in the batch is answered below; the committer must live on.
				log.error("Group commit failed", ex);
			}
			finally {
				// What the batch publishes is queued for each client together and leaves in one write.
				OutputBatch.around(() -> batch.forEach(Write::complete));
				batch.clear();
				this.committing = false;
			}
		}
	}

	private void commit(List<Write<?>> batch) {
		try {
			this.transaction.executeWithoutResult((status) -> batch.forEach(Write::run));
		}
		catch (RuntimeException ex) {
			if (batch.size() > 1) {
				log.debug("A batch of {} writes failed; committing each alone", batch.size(), ex);
			}
			batch.forEach(this::commitAlone);
		}
	}

	private void commitAlone(Write<?> write) {
		try {
			this.transaction.executeWithoutResult((status) -> write.run());
		}
		catch (RuntimeException ex) {
			write.fail(ex);
		}
	}

	private static final class Write<T> {

		private final Supplier<T> work;

		private final CompletableFuture<T> done = new CompletableFuture<>();

		private Runnable followUp = () -> {
		};

		private @Nullable T result;

		private @Nullable RuntimeException failure;

		Write(Supplier<T> work) {
			this.work = work;
		}

		void run() {
			this.failure = null;
			try {
				this.result = this.work.get();
			}
			catch (ChatException ex) {
				this.failure = ex;
			}
		}

		void fail(RuntimeException ex) {
			this.failure = ex;
		}

		/** Follows up a committed write and answers its caller; runs once, after the commit. */
		void complete() {
			if (this.done.isDone()) {
				return;
			}
			if (this.failure != null) {
				this.done.completeExceptionally(this.failure);
				return;
			}
			try {
				this.followUp.run();
			}
			catch (RuntimeException ex) {
				log.error("Follow-up of a committed write failed", ex);
			}
			this.done.complete(this.result);
		}

	}

}

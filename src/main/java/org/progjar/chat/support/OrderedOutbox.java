package org.progjar.chat.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * What is waiting to be written to one client, in order. A bounded queue drained by at most one
 * writer at a time on the given (virtual-thread) executor, or by a caller that waits for its own
 * item: items leave in the order they were queued, and a client that does not read blocks only
 * its own writer. What piled up while the writer was busy is handed to the sink together, to be
 * written at once. When the queue is full, the client is not reading: {@code onOverflow} runs
 * (it should disconnect the client) instead of the queue growing or the sender waiting, and from
 * then on nothing is queued: the client must not see a gap where the dropped items were.
 * @param <T> what one write takes
 */
public final class OrderedOutbox<T> {

	/** At most this many items go to the sink at once. */
	private static final int MAX_BATCH = 64;

	private final Queue<Item<T>> queue;

	private final Executor writers;

	private final Sink<T> sink;

	private final Runnable onOverflow;

	private final AtomicBoolean draining = new AtomicBoolean();

	private volatile boolean overflowed;

	public OrderedOutbox(int capacity, Executor writers, Sink<T> sink, Runnable onOverflow) {
		// Linked, not an array: an idle connection's empty queue should cost nothing.
		this.queue = new LinkedBlockingQueue<>(capacity);
		this.writers = writers;
		this.sink = sink;
		this.onOverflow = onOverflow;
	}

	/** Queues an item; never blocks. Inside an {@link OutputBatch} it leaves when the batch ends. */
	public void send(T item) {
		send(new Item<>(item, null));
	}

	/** As {@link #send(Object)}; {@code written} runs once it has been written (or dropped with the client). */
	public void send(T item, Runnable written) {
		send(new Item<>(item, written));
	}

	/**
	 * Queues an item and returns once it has been written (or dropped with the client). With no
	 * writer busy, the caller writes it itself, with whatever was queued before it, rather than
	 * start a writer and wait for it: that is most answers to a request, and the caller waits
	 * either way.
	 */
	public void sendAndWait(T item) throws InterruptedException {
		CountDownLatch written = new CountDownLatch(1);
		Item<T> mine = new Item<>(item, written::countDown);
		// A burst on this thread holding back this very writer would wait for itself.
		OutputBatch.startHeldWriters();
		if (offer(mine) && this.draining.compareAndSet(false, true)) {
			writeQueued(mine);
			this.draining.set(false);
			// What came after it is a writer's: the caller has its own work to get back to.
			startDrainIfQueued();
		}
		written.await();
	}

	/**
	 * Queues an item and waits at most the timeout for it to be written (or dropped with the
	 * client). @return whether it is done
	 */
	public boolean sendAndWait(T item, Duration timeout) throws InterruptedException {
		CountDownLatch written = new CountDownLatch(1);
		OutputBatch.startHeldWriters();
		if (offer(new Item<>(item, written::countDown)) && this.draining.compareAndSet(false, true)) {
			startDrain();
		}
		return written.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** Drops what is queued, releasing anyone waiting: the client is gone. */
	public void discard() {
		Item<T> dropped;
		while ((dropped = this.queue.poll()) != null) {
			dropped.done();
		}
	}

	public int size() {
		return this.queue.size();
	}

	private void send(Item<T> item) {
		if (offer(item) && this.draining.compareAndSet(false, true) && !OutputBatch.holdBack(this::startDrain)) {
			startDrain();
		}
	}

	/** @return whether the item is queued; if not, it is done, dropped with the client */
	private boolean offer(Item<T> item) {
		if (this.overflowed) {
			item.done();
			return false;
		}
		if (!this.queue.offer(item)) {
			this.overflowed = true;
			item.done();
			discard();
			this.onOverflow.run();
			return false;
		}
		return true;
	}

	private void startDrain() {
		this.writers.execute(this::drain);
	}

	private void drain() {
		do {
			writeQueued(null);
			this.draining.set(false);
			// Something queued after the last poll but before the flag dropped has no writer yet.
		}
		while (!this.queue.isEmpty() && this.draining.compareAndSet(false, true));
	}

	private void startDrainIfQueued() {
		if (!this.queue.isEmpty() && this.draining.compareAndSet(false, true)) {
			startDrain();
		}
	}

	/**
	 * Writes what is queued, in batches, until the queue is empty or {@code last} is written.
	 * Only whoever set {@link #draining} calls this.
	 */
	private void writeQueued(@Nullable Item<T> last) {
		List<Item<T>> batch = new ArrayList<>();
		List<T> values = new ArrayList<>();
		Item<T> next;
		while ((next = this.queue.poll()) != null) {
			batch.add(next);
			values.add(next.value());
			boolean reachedLast = next == last;
			if (!reachedLast && batch.size() < MAX_BATCH && !this.queue.isEmpty()) {
				continue;
			}
			try {
				this.sink.write(values);
			}
			catch (Exception ex) {
				// The client is gone; whoever owns it hears of that from its transport.
				discard();
			}
			finally {
				batch.forEach(Item::done);
				batch.clear();
				values.clear();
			}
			if (reachedLast) {
				return;
			}
		}
	}

	/** Writes items to the client, in order; may block while the client does not read. */
	@FunctionalInterface
	public interface Sink<T> {

		void write(List<T> items) throws Exception;

	}

	private record Item<T>(T value, @Nullable Runnable written) {

		void done() {
			if (this.written != null) {
				this.written.run();
			}
		}

	}

}

package org.progjar.chat.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OrderedOutboxTests {

	private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

	private final List<List<Integer>> writes = Collections.synchronizedList(new ArrayList<>());

	@AfterEach
	void stopWriters() {
		this.writers.shutdownNow();
	}

	@Test
	void whatQueuesWhileTheWriterIsBusyIsWrittenTogetherInOrder() throws Exception {
		CountDownLatch firstWriteStarted = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		OrderedOutbox<Integer> outbox = new OrderedOutbox<>(100, this.writers, (items) -> {
			this.writes.add(List.copyOf(items));
			firstWriteStarted.countDown();
			release.await();
		}, () -> {
		});
		outbox.send(0);
		assertThat(firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
		for (int i = 1; i <= 10; i++) {
			outbox.send(i);
		}
		release.countDown();
		await().until(() -> outbox.size() == 0 && this.writes.size() == 2);
		assertThat(this.writes).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
	}

	@Test
	void aBurstLeavesEachOutboxInOneWriteWhenItEnds() {
		List<List<Integer>> otherWrites = Collections.synchronizedList(new ArrayList<>());
		OrderedOutbox<Integer> outbox = new OrderedOutbox<>(100, this.writers, (items) -> this.writes.add(List.copyOf(items)),
				() -> {
				});
		OrderedOutbox<Integer> other = new OrderedOutbox<>(100, this.writers, (items) -> otherWrites.add(List.copyOf(items)),
				() -> {
				});
		OutputBatch.around(() -> {
			for (int i = 0; i < 10; i++) {
				outbox.send(i);
				other.send(-i);
			}
			assertThat(outbox.size()).as("nothing written during the burst").isEqualTo(10);
		});
		await().until(() -> this.writes.size() == 1 && otherWrites.size() == 1);
		assertThat(this.writes).containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
		assertThat(otherWrites).containsExactly(List.of(0, -1, -2, -3, -4, -5, -6, -7, -8, -9));
	}

	@Test
	void waitingForAWriteInsideABurstDoesNotWaitForTheBurst() throws Exception {
		OrderedOutbox<Integer> outbox = new OrderedOutbox<>(100, this.writers, (items) -> this.writes.add(List.copyOf(items)),
				() -> {
				});
		AtomicBoolean written = new AtomicBoolean();
		OutputBatch.around(() -> {
			outbox.send(1);
			try {
				written.set(outbox.sendAndWait(2, Duration.ofSeconds(30)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThat(written).isTrue();
		assertThat(this.writes.stream().flatMap(List::stream)).containsExactly(1, 2);
	}

	@Test
	void aReplyReturnsOnlyOnceItIsWritten() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		OrderedOutbox<Integer> outbox = new OrderedOutbox<>(100, this.writers, (items) -> {
			release.await();
			this.writes.add(List.copyOf(items));
		}, () -> {
		});
		try (ExecutorService client = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<?> reply = client.submit(() -> {
				outbox.sendAndWait(7);
				return null;
			});
			Thread.sleep(200);
			assertThat(reply).isNotDone();
			release.countDown();
			reply.get(10, TimeUnit.SECONDS);
			assertThat(this.writes).containsExactly(List.of(7));
		}
	}

	@Test
	void aReplyWithNoWriterBusyIsWrittenByTheThreadThatWaitsForIt() throws Exception {
		List<Thread> writingThreads = Collections.synchronizedList(new ArrayList<>());
		OrderedOutbox<Integer> outbox = new OrderedOutbox<>(100, this.writers, (items) -> {
			writingThreads.add(Thread.currentThread());
			this.writes.add(List.copyOf(items));
		}, () -> {
		});
		outbox.sendAndWait(7);
		assertThat(this.writes).containsExactly(List.of(7));
		assertThat(writingThreads).containsExactly(Thread.currentThread());
	}

	@Test
	void whatIsQueuedAfterAReplyGoesToAWriterOnceTheReplyIsWritten() throws Exception {
		CountDownLatch replyWriteStarted = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<Thread> writingThreads = Collections.synchronizedList(new ArrayList<>());
		OrderedOutbox<Integer> outbox = new OrderedOutbox<>(100, this.writers, (items) -> {
			writingThreads.add(Thread.currentThread());
			this.writes.add(List.copyOf(items));
			if (items.contains(1)) {
				replyWriteStarted.countDown();
				release.await();
			}
		}, () -> {
		});
		try (ExecutorService client = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<Thread> reply = client.submit(() -> {
				outbox.sendAndWait(1);
				return Thread.currentThread();
			});
			assertThat(replyWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
			outbox.send(2);
			outbox.send(3);
			release.countDown();
			Thread replier = reply.get(10, TimeUnit.SECONDS);
			await().until(() -> outbox.size() == 0 && this.writes.size() == 2);
			assertThat(this.writes).containsExactly(List.of(1), List.of(2, 3));
			assertThat(writingThreads.getFirst()).isSameAs(replier);
			assertThat(writingThreads.getLast()).isNotSameAs(replier);
		}
	}

	@Test
	void sendersOnManyThreadsEachHaveEveryItemWrittenOnceAndInTheirOrder() throws Exception {
		int senders = 8;
		int items = 5_000;
		List<Integer> written = Collections.synchronizedList(new ArrayList<>());
		OrderedOutbox<Integer> outbox = new OrderedOutbox<>(senders * items, this.writers, written::addAll, () -> {
			throw new AssertionError("overflowed below its capacity");
		});
		try (ExecutorService sending = Executors.newFixedThreadPool(senders)) {
			for (int sender = 0; sender < senders; sender++) {
				int first = sender * items;
				sending.submit(() -> {
					for (int i = first; i < first + items; i++) {
						outbox.send(i);
					}
				});
			}
		}
		await().until(() -> outbox.size() == 0 && written.size() == senders * items);
		List<Integer> all = List.copyOf(written);
		assertThat(all).doesNotHaveDuplicates();
		for (int sender = 0; sender < senders; sender++) {
			int first = sender * items;
			List<Integer> own = all.stream().filter((i) -> i >= first && i < first + items).toList();
			assertThat(own).as("sender %d", sender).isSorted().hasSize(items);
		}
	}

	@Test
	void aClientThatStopsReadingOverflowsItsQueueAndReleasesWhoeverWaits() throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		AtomicBoolean overflowed = new AtomicBoolean();
		OrderedOutbox<Integer> outbox = new OrderedOutbox<>(3, this.writers, (items) -> never.await(),
				() -> overflowed.set(true));
		outbox.send(0);
		await().until(() -> outbox.size() == 0);
		for (int i = 1; i <= 3; i++) {
			outbox.send(i);
		}
		assertThat(overflowed).isFalse();
		outbox.sendAndWait(4);
		assertThat(overflowed).isTrue();
		assertThat(outbox.size()).isZero();
	}

}

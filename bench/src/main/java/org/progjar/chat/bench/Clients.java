package org.progjar.chat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/** Opening and closing many clients, with a bounded number of set-ups in flight. */
final class Clients {

	private static final long SETUP_TIMEOUT_SECONDS = 120;

	private Clients() {
	}

	/**
	 * Opens {@code count} clients, at most {@code inflight} at a time, and returns them by
	 * index. If one fails, the others are closed and the failure is thrown.
	 */
	static List<Client> open(int count, int inflight, IntFunction<CompletableFuture<Client>> opener)
			throws InterruptedException, ExecutionException {
		Semaphore slots = new Semaphore(inflight);
		AtomicReferenceArray<Client> opened = new AtomicReferenceArray<>(count);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<CompletableFuture<Client>> all = new ArrayList<>(count);
		for (int i = 0; i < count && failure.get() == null; i++) {
			slots.acquire();
			int index = i;
			CompletableFuture<Client> one = opener.apply(i).orTimeout(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			all.add(one.whenComplete((client, ex) -> {
				slots.release();
				if (ex != null) {
					failure.compareAndSet(null, ex);
				}
				else {
					client.index = index;
					opened.set(index, client);
				}
			}));
		}
		try {
			CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
		}
		catch (ExecutionException ex) {
			// reported below, once every set-up has ended
		}
		List<Client> clients = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			clients.add(opened.get(i));
		}
		if (failure.get() != null) {
			close(clients);
			throw new ExecutionException("setting up connections failed", failure.get());
		}
		return clients;
	}

	/** Closes the clients and waits (a bounded time) until they are closed. */
	static void close(List<? extends Client> clients) {
		List<CompletableFuture<Void>> closing = new ArrayList<>();
		for (Client client : clients) {
			if (client != null) {
				client.deliveries = Client.Deliveries.NONE;
				closing.add(client.conn.close());
			}
		}
		try {
			CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			System.err.println("bench: closing connections: " + ex);
		}
	}

}

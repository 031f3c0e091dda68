package org.progjar.chat.durability;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.TcpClient;

/**
 * Senders on their own connections, each on a virtual thread, alternating a direct message and a
 * room line as fast as the server answers. Only a text whose response was OK counts as
 * acknowledged: that is the set the server promised to keep.
 */
final class AcknowledgedLoad implements AutoCloseable {

	/** A logged-in sender and the room its connection joins. */
	record Sender(String username, String token, String room) {
	}

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final Set<String> directMessages = ConcurrentHashMap.newKeySet();

	private final Set<String> roomMessages = ConcurrentHashMap.newKeySet();

	private final AtomicInteger acknowledged = new AtomicInteger();

	/** Anything but OK or, once the server is stopped, a broken connection or {@code SHUTTING_DOWN}. */
	private final Queue<String> failures = new ConcurrentLinkedQueue<>();

	private final AtomicInteger refusedAtShutdown = new AtomicInteger();

	private volatile boolean serverKilled;

	private volatile boolean stopped;

	/** Starts one sender per entry, each stopping after {@code maxRounds} or at the first failure. */
	void start(int port, List<Sender> senders, String recipient, int maxRounds) {
		for (Sender sender : senders) {
			this.threads.execute(() -> run(port, sender, recipient, maxRounds));
		}
		this.threads.shutdown();
	}

	int acknowledged() {
		return this.acknowledged.get();
	}

	Set<String> directMessages() {
		return Set.copyOf(this.directMessages);
	}

	Set<String> roomMessages() {
		return Set.copyOf(this.roomMessages);
	}

	List<String> failures() {
		return List.copyOf(this.failures);
	}

	/**
	 * From now on a broken connection, or a request refused as {@code SHUTTING_DOWN}, is what the
	 * test caused, not a failure.
	 */
	void expectServerDeath() {
		this.serverKilled = true;
	}

	/** Requests the stopping server refused, unrun. */
	int refusedAtShutdown() {
		return this.refusedAtShutdown.get();
	}

	boolean isRunning() {
		return !this.threads.isTerminated();
	}

	boolean awaitEnd(Duration timeout) throws InterruptedException {
		return this.threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		this.stopped = true;
		this.threads.shutdownNow();
		this.threads.awaitTermination(15, TimeUnit.SECONDS);
	}

	private void run(int port, Sender sender, String recipient, int maxRounds) {
		try (TcpClient client = TcpClient.line(port)) {
			if (!isOk(sender, client.request("room_join", "session", sender.token(), "roomname", sender.room()))) {
				return;
			}
			for (int round = 0; round < maxRounds && !this.stopped; round++) {
				String direct = "dm " + sender.username() + " #" + round;
				if (!isOk(sender, client.request("send", "session", sender.token(), "destination", recipient, "message",
						direct))) {
					return;
				}
				acknowledge(this.directMessages, direct);
				String line = "room " + sender.username() + " #" + round;
				if (!isOk(sender, client.request("room_chat", "session", sender.token(), "message", line))) {
					return;
				}
				acknowledge(this.roomMessages, line);
			}
		}
		catch (UncheckedIOException ex) {
			if (!this.serverKilled) {
				this.failures.add(sender.username() + ": connection broke before the kill: " + ex);
			}
		}
		catch (RuntimeException ex) {
			this.failures.add(sender.username() + ": " + ex);
		}
	}

	private void acknowledge(Set<String> texts, String text) {
		texts.add(text);
		this.acknowledged.incrementAndGet();
	}

	private boolean isOk(Sender sender, JsonNode response) {
		if (response.has("status") && "OK".equals(response.get("status").asString())) {
			return true;
		}
		if (this.serverKilled && response.has("code") && "SHUTTING_DOWN".equals(response.get("code").asString())) {
			this.refusedAtShutdown.incrementAndGet();
			return false;
		}
		this.failures.add(sender.username() + ": " + response);
		return false;
	}

}

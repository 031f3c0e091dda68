package org.progjar.chat.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer.TestUser;

/**
 * One room chatting as fast as the server answers: a sender posts line after line over TCP, and
 * members read the broadcasts on their own connections, each timing every line from its send to
 * its arrival. Used to show that something (a member that stops reading) costs the others nothing.
 */
public final class RoomTraffic implements AutoCloseable {

	private static final String TEXT_PREFIX = "sent-at-";

	/** The sender's last line: the readers stop at it. */
	private static final String END = "end";

	private final String room;

	private final String padding;

	private final TestUser sender;

	private final TcpClient senderClient;

	private final List<TcpClient> readers = new ArrayList<>();

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final Queue<Long> latencies = new ConcurrentLinkedQueue<>();

	private final AtomicInteger sent = new AtomicInteger();

	private final List<Future<?>> reading = new ArrayList<>();

	private volatile boolean stopping;

	private RoomTraffic(String room, int lineLength, TestUser sender, TcpClient senderClient) {
		this.room = room;
		this.padding = " " + "x".repeat(Math.max(0, lineLength - TEXT_PREFIX.length() - 21));
		this.sender = sender;
		this.senderClient = senderClient;
	}

	/**
	 * A new room with a sender and {@code readers} reading members, all joined over TCP; the lines
	 * are about {@code lineLength} characters long.
	 */
	public static RoomTraffic open(ChatServer server, String prefix, int readers, int lineLength) {
		String room = ChatServer.uniqueName(prefix);
		TestUser sender = server.newUser("sender");
		TcpClient senderClient = server.lineClient();
		senderClient.requestOk("room_join", "session", sender.token(), "roomname", room);
		RoomTraffic traffic = new RoomTraffic(room, lineLength, sender, senderClient);
		for (int i = 0; i < readers; i++) {
			TestUser reader = server.newUser("reader");
			TcpClient client = server.lineClient();
			client.requestOk("room_join", "session", reader.token(), "roomname", room);
			traffic.readers.add(client);
		}
		return traffic;
	}

	public String room() {
		return this.room;
	}

	/**
	 * Starts sending, at most {@code maxMessages} lines, and reading. @return the sending, which ends
	 * with the number of lines sent
	 */
	public Future<Integer> start(int maxMessages) {
		for (TcpClient reader : this.readers) {
			this.reading.add(this.threads.submit(() -> read(reader)));
		}
		return this.threads.submit(() -> {
			for (int i = 0; i < maxMessages && !this.stopping; i++) {
				this.senderClient.requestOk("room_chat", "session", this.sender.token(), "message",
						TEXT_PREFIX + System.nanoTime() + this.padding);
				this.sent.incrementAndGet();
			}
			this.senderClient.requestOk("room_chat", "session", this.sender.token(), "message", END);
			return this.sent.get();
		});
	}

	/** Ends the sending; the readers go on until they have every line sent. */
	public void stop() {
		this.stopping = true;
	}

	public int sent() {
		return this.sent.get();
	}

	/** Once every reader has every line: the delays of all deliveries, in milliseconds, sorted. */
	public List<Double> latenciesMillis(Duration timeout) throws Exception {
		this.threads.shutdown();
		if (!this.threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("The readers of " + this.room + " did not get all " + this.sent() + " lines");
		}
		for (Future<?> reader : this.reading) {
			reader.get();
		}
		List<Double> millis = new ArrayList<>(this.latencies.stream().map((nanos) -> nanos / 1e6).toList());
		Collections.sort(millis);
		if (millis.size() != this.sent() * this.readers.size()) {
			throw new AssertionError("Expected " + this.sent() * this.readers.size() + " deliveries, got " + millis.size());
		}
		return millis;
	}

	/** The value below which the given fraction of the sorted values lie. */
	public static double percentile(List<Double> sorted, double fraction) {
		return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(fraction * sorted.size())));
	}

	@Override
	public void close() {
		this.stopping = true;
		this.threads.shutdownNow();
		this.senderClient.close();
		this.readers.forEach(TcpClient::close);
	}

	/** Reads broadcasts, which must come in seq order, up to the sender's last line. */
	private void read(TcpClient reader) {
		long lastSeq = 0;
		while (true) {
			JsonNode event = reader.nextEvent();
			long seq = event.get("seq").asLong();
			if (seq <= lastSeq) {
				throw new AssertionError("seq " + seq + " after " + lastSeq + " in " + this.room);
			}
			lastSeq = seq;
			String text = event.get("messages").asString();
			if (text.equals(END) && event.get("username").asString().equals(this.sender.username())) {
				return;
			}
			if (text.startsWith(TEXT_PREFIX)) {
				long sentAt = Long.parseLong(text.substring(TEXT_PREFIX.length(), text.indexOf(' ')));
				this.latencies.add(System.nanoTime() - sentAt);
			}
		}
	}

}

package org.progjar.chat.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.RoomTraffic;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A TCP member that stops reading must cost the rest of its room nothing: two rooms chat at full
 * speed side by side, one with such a member and one without, and the deliveries to the members
 * who read are timed in both. Side by side rather than one after the other, so that whatever else
 * the machine does weighs on both alike. A short queue and long lines, so that the stall comes
 * soon: the kernel's socket buffers hold back a megabyte or so before the queue even starts.
 * The same settings as the event stream's test, so that both share one server.
 */
@ChatServerTest
@TestPropertySource(properties = { "chat.tcp.outbound-queue=16", "chat.events.queue-capacity=16",
		"chat.events.replay-limit=16" })
class SlowConsumerIntegrationTests {

	private static final int READERS = 3;

	private static final int LINE_LENGTH = 4000;

	/** Far more than the queue and the socket buffers take; the test stops at the disconnect. */
	private static final int MAX_MESSAGES = 5_000;

	/** Small, so that the kernel holds back few lines before the server's queue fills. */
	private static final int STALLED_RECEIVE_BUFFER = 1024;

	/** Generous: a member that blocked the room would stop its deliveries altogether. */
	private static final double MAX_RATIO = 5;

	@Autowired
	ChatServer server;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	TcpSettings settings;

	@Test
	void aMemberThatStopsReadingIsDisconnectedAndDelaysNobody() throws Exception {
		try (RoomTraffic withStalled = RoomTraffic.open(this.server, "stalled-room", READERS, LINE_LENGTH);
				RoomTraffic control = RoomTraffic.open(this.server, "control-room", READERS, LINE_LENGTH);
				Socket stalled = connectWithSmallReceiveBuffer()) {
			TestUser member = this.server.newUser("stalled");
			stalled.getOutputStream()
				.write(("room_join " + TcpClient.form("session", member.token(), "roomname", withStalled.room()) + "\n")
					.getBytes(StandardCharsets.UTF_8));
			ClientConnection onServer = await().atMost(Duration.ofSeconds(10))
				.until(() -> serverSideOf(stalled), (connection) -> connection != null && connection.subscription() != null);

			Future<Integer> stalledRoomSending = withStalled.start(MAX_MESSAGES);
			Future<Integer> controlSending = control.start(MAX_MESSAGES);
			AtomicInteger mostQueued = new AtomicInteger();
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(5))
				.failFast("a room stopped sending", () -> stalledRoomSending.isDone() || controlSending.isDone())
				.until(() -> {
					mostQueued.accumulateAndGet(onServer.queued(), Math::max);
					return this.registry.find(onServer.id()) == null;
				});
			int sentAtDisconnect = withStalled.sent();
			withStalled.stop();
			control.stop();
			stalledRoomSending.get();
			controlSending.get();

			assertThat(onServer.queued()).as("the closed connection's queue is released").isZero();
			assertThat(mostQueued.get()).isLessThanOrEqualTo(this.settings.outboundQueue());
			assertThat(isClosedByServer(stalled)).as("the stalled member was disconnected").isTrue();

			List<Double> others = withStalled.latenciesMillis(Duration.ofMinutes(1));
			List<Double> alone = control.latenciesMillis(Duration.ofMinutes(1));
			double p50 = RoomTraffic.percentile(others, 0.5);
			double p99 = RoomTraffic.percentile(others, 0.99);
			double controlP50 = RoomTraffic.percentile(alone, 0.5);
			double controlP99 = RoomTraffic.percentile(alone, 0.99);
			System.out.printf(
					"Slow consumer (TCP): disconnected after %d lines (at most %d queued for it); deliveries to the"
							+ " %d readers beside it p50 %.2f ms p99 %.2f ms (%d lines), in the room without it p50 %.2f ms"
							+ " p99 %.2f ms (%d lines)%n",
					sentAtDisconnect, mostQueued.get(), READERS, p50, p99, withStalled.sent(), controlP50, controlP99,
					control.sent());
			assertThat(p50).isLessThanOrEqualTo(MAX_RATIO * controlP50);
			assertThat(p99).isLessThanOrEqualTo(MAX_RATIO * controlP99);
		}
	}

	private Socket connectWithSmallReceiveBuffer() throws IOException {
		Socket socket = new Socket();
		// Before connecting, so that the window is negotiated small.
		socket.setReceiveBufferSize(STALLED_RECEIVE_BUFFER);
		socket.connect(new InetSocketAddress("127.0.0.1", this.server.linePort()), 10_000);
		return socket;
	}

	/** Connection ids start with the client's address and port. */
	private ClientConnection serverSideOf(Socket socket) {
		String prefix = "127.0.0.1:" + socket.getLocalPort() + ":";
		return this.registry.all().stream().filter((c) -> c.id().startsWith(prefix)).findFirst().orElse(null);
	}

	/** Reads what was left in flight; a closed connection ends, an open one times out. */
	private static boolean isClosedByServer(Socket socket) throws IOException {
		socket.setSoTimeout(10_000);
		InputStream in = socket.getInputStream();
		byte[] discard = new byte[8192];
		try {
			while (in.read(discard) >= 0) {
				// what the kernel held for it
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}

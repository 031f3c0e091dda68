package org.progjar.chat.stream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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

import org.progjar.chat.session.SessionService;
import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.RoomTraffic;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event stream whose client stops reading must cost the room nothing: two rooms chat at full
 * speed side by side, one with such a stream among its members and one without, and the
 * deliveries to the TCP members who read are timed in both. A short queue and long lines make
 * the stall come soon; the same settings as the TCP test, so that both share one server.
 */
@ChatServerTest
@TestPropertySource(properties = { "chat.tcp.outbound-queue=16", "chat.events.queue-capacity=16",
		"chat.events.replay-limit=16" })
class SlowSubscriberIntegrationTests {

	private static final int READERS = 3;

	private static final int LINE_LENGTH = 4000;

	private static final int MAX_MESSAGES = 5_000;

	private static final int STALLED_RECEIVE_BUFFER = 1024;

	private static final double MAX_RATIO = 5;

	@Autowired
	ChatServer server;

	@Autowired
	EventStreams streams;

	@Autowired
	SessionService sessions;

	@Test
	void aStreamWhoseClientStopsReadingIsEndedAndDelaysNobody() throws Exception {
		HttpApi api = this.server.http();
		try (RoomTraffic withStalled = RoomTraffic.open(this.server, "stalled-stream-room", READERS, LINE_LENGTH);
				RoomTraffic control = RoomTraffic.open(this.server, "control-stream-room", READERS, LINE_LENGTH)) {
			TestUser member = this.server.newUser("stalled");
			assertThat(api.putEmpty("/api/rooms/" + withStalled.room() + "/members/me", member.token()).status())
				.isEqualTo(200);
			long sessionId = this.sessions.authenticate(member.token()).sessionId();
			try (Socket stalled = openStreamAndStopReading(api, member.token())) {
				List<EventSubscriber> open = this.streams.streamsOf(sessionId);
				assertThat(open).hasSize(1);
				EventSubscriber onServer = open.getFirst();

				Future<Integer> stalledRoomSending = withStalled.start(MAX_MESSAGES);
				Future<Integer> controlSending = control.start(MAX_MESSAGES);
				AtomicInteger mostQueued = new AtomicInteger();
				await().atMost(Duration.ofMinutes(3))
					.pollInterval(Duration.ofMillis(5))
					.failFast("a room stopped sending", () -> stalledRoomSending.isDone() || controlSending.isDone())
					.until(() -> {
						mostQueued.accumulateAndGet(onServer.queued(), Math::max);
						return this.streams.streamsOf(sessionId).isEmpty();
					});
				int sentAtEnd = withStalled.sent();
				withStalled.stop();
				control.stop();
				stalledRoomSending.get();
				controlSending.get();

				assertThat(onServer.queued()).as("the ended stream's queue is released").isZero();
				assertThat(responseEnds(stalled)).as("the stalled stream's response ended").isTrue();

				List<Double> others = withStalled.latenciesMillis(Duration.ofMinutes(1));
				List<Double> alone = control.latenciesMillis(Duration.ofMinutes(1));
				double p50 = RoomTraffic.percentile(others, 0.5);
				double p99 = RoomTraffic.percentile(others, 0.99);
				double controlP50 = RoomTraffic.percentile(alone, 0.5);
				double controlP99 = RoomTraffic.percentile(alone, 0.99);
				System.out.printf(
						"Slow consumer (SSE): stream ended after %d lines (at most %d writes queued for it); deliveries"
								+ " to the %d TCP readers beside it p50 %.2f ms p99 %.2f ms (%d lines), in the room"
								+ " without it p50 %.2f ms p99 %.2f ms (%d lines)%n",
						sentAtEnd, mostQueued.get(), READERS, p50, p99, withStalled.sent(), controlP50, controlP99,
						control.sent());
				assertThat(p50).isLessThanOrEqualTo(MAX_RATIO * controlP50);
				assertThat(p99).isLessThanOrEqualTo(MAX_RATIO * controlP99);
			}
		}
	}

	/** A raw request with a small receive buffer; reads up to the first event, so the stream is live, then stops. */
	private static Socket openStreamAndStopReading(HttpApi api, String token) throws IOException {
		int port = Integer.parseInt(api.base().substring(api.base().lastIndexOf(':') + 1));
		Socket socket = new Socket();
		socket.setReceiveBufferSize(STALLED_RECEIVE_BUFFER);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
		socket.setSoTimeout(10_000);
		socket.getOutputStream()
			.write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: Bearer "
					+ token + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		InputStream in = socket.getInputStream();
		while (!head.toString(StandardCharsets.UTF_8).contains("event:room")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("Stream ended before its first event: " + head);
			}
			head.write(b);
		}
		assertThat(head.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
		return socket;
	}

	/** Reads the rest: the response ends with chunked encoding's last chunk, or the connection closes. */
	private static boolean responseEnds(Socket socket) throws IOException {
		InputStream in = new BufferedInputStream(socket.getInputStream());
		byte[] tail = new byte[5];
		int b;
		try {
			while ((b = in.read()) >= 0) {
				System.arraycopy(tail, 1, tail, 0, 4);
				tail[4] = (byte) b;
				if (new String(tail, StandardCharsets.US_ASCII).equals("0\r\n\r\n")) {
					return true;
				}
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

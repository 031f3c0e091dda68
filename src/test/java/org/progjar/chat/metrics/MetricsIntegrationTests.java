package org.progjar.chat.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.HttpApi.Result;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/prometheus} once an operator exposes it, read over real HTTP while real clients
 * use the server over TCP and REST. This context is the only user of its server, so the gauges
 * can be compared exactly; counters are compared as differences all the same.
 */
@ChatServerTest
@TestPropertySource(properties = {
		// The documented opt-in. backup is listed too, but not allowed: it must stay off.
		"management.endpoints.web.exposure.include=health,info,prometheus,backup",
		// A client that stops reading fills its socket buffers and then its queue quickly.
		"chat.messages.max-length=65536", "chat.tcp.outbound-queue=4" })
class MetricsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String LINE = "chat_tcp_connections{listener=\"line\"}";

	private static final String LEGACY = "chat_tcp_connections{listener=\"legacy\"}";

	private static final String STREAMS = "chat_event_streams";

	private static final String SESSIONS = "chat_sessions_active";

	private static final String BACKLOG = "chat_inbox_backlog";

	private static final String COMMITTED_WRITES = "chat_storage_commit_writes_sum";

	private static final String DIRECT = "chat_messages_sent_total{kind=\"direct\"}";

	private static final String ROOM = "chat_messages_sent_total{kind=\"room\"}";

	private static final String BROADCASTS = "chat_room_broadcasts_total";

	private static final String TCP_DELIVERIES = "chat_delivery_latency_seconds_count{transport=\"tcp\"}";

	private static final String HTTP_DELIVERIES = "chat_delivery_latency_seconds_count{transport=\"http\"}";

	private static final String TCP_SLOW = "chat_slow_consumer_disconnects_total{transport=\"tcp\"}";

	@Autowired
	ChatServer server;

	@Test
	void theEndpointServesPrometheusTextWithTheChatMeters() {
		Result result = this.server.http().get("/actuator/prometheus", null);
		assertThat(result.status()).isEqualTo(200);
		assertThat(result.header("Content-Type")).startsWith("text/plain");
		assertThat(result.text()).contains("# HELP chat_messages_sent_total Messages users sent")
			.contains("# TYPE chat_tcp_connections gauge")
			.contains("# TYPE chat_delivery_latency_seconds histogram")
			.contains("chat_delivery_latency_seconds_bucket{transport=\"tcp\",le=")
			// Boot's own meters come along: JVM, HTTP server, connection pool.
			.contains("jvm_memory_used_bytes", "http_server_requests_seconds_count", "hikaricp_connections_active");
		Scrape scrape = scrape();
		for (String transport : new String[] { "tcp", "http" }) {
			// Registered before anything happened, so a rate() over them works from the start.
			assertThat(scrape.value("chat_requests_rate_limited_total{transport=\"" + transport + "\"}")).isZero();
			assertThat(scrape.has("chat_slow_consumer_disconnects_total{transport=\"" + transport + "\"}")).isTrue();
		}
	}

	@Test
	void countersAndGaugesFollowTrafficOverTcpAndRest() {
		HttpApi api = this.server.http();
		awaitNoConnections();
		Scrape before = scrape();

		TestUser alice = this.server.newUser("alice");
		TestUser carol = this.server.newUser("carol");
		String bob = ChatServer.uniqueName("bob");
		assertThat(api.post("/api/users", null, Map.of("username", bob, "password", "password123", "name", "Bob",
				"nationality", "Indonesia")).status()).isEqualTo(201);
		String bobToken = api.post("/api/sessions", null, Map.of("username", bob, "password", "password123"))
			.json()
			.get("token")
			.asString();
		assertThat(scrape().value(SESSIONS)).isEqualTo(before.value(SESSIONS) + 3);

		String room = ChatServer.uniqueName("metered");
		try (TcpClient aliceLine = this.server.lineClient(); TcpClient carolLegacy = this.server.legacyClient();
				OpenStream bobStream = OpenStream.open(api, bobToken)) {
			aliceLine.requestOk("send", "session", alice.token(), "destination", bob, "message", "one");
			aliceLine.requestOk("send", "session", alice.token(), "destination", bob, "message", "two");
			assertThat(api.post("/api/messages", bobToken, Map.of("to", alice.username(), "message", "three"))
				.status()).isEqualTo(201);
			assertThat(api.post("/api/inbox", bobToken, Map.of()).json().get("messages").get(alice.username()))
				.hasSize(2);

			aliceLine.requestOk("room_join", "session", alice.token(), "roomname", room);
			carolLegacy.requestOk("room_join", "session", carol.token(), "roomname", room);
			assertThat(api.putEmpty("/api/rooms/" + room + "/members/me", bobToken).status()).isEqualTo(200);
			aliceLine.requestOk("room_chat", "session", alice.token(), "message", "halo");
			carolLegacy.requestOk("room_chat", "session", carol.token(), "message", "halo juga");
			assertThat(api.post("/api/rooms/" + room + "/messages", bobToken, Map.of("message", "hai")).status())
				.isEqualTo(201);

			Scrape during = scrape();
			assertThat(during.value(LINE)).as("alice's connection").isEqualTo(1);
			assertThat(during.value(LEGACY)).as("carol's connection").isEqualTo(1);
			assertThat(during.value(STREAMS)).as("bob's stream").isEqualTo(1);
			assertThat(during.value(DIRECT) - before.value(DIRECT)).isEqualTo(3);
			assertThat(during.value(ROOM) - before.value(ROOM)).isEqualTo(3);
			// Three joins and three chat lines.
			assertThat(during.value(BROADCASTS) - before.value(BROADCASTS)).isEqualTo(6);
			// Three sent, bob's inbox took his two: alice's one waits.
			assertThat(during.value(BACKLOG) - before.value(BACKLOG)).isEqualTo(1);
			// Group-committed writes: three sends, bob's inbox, the room's creation, three joins,
			// three lines.
			assertThat(during.value(COMMITTED_WRITES) - before.value(COMMITTED_WRITES)).isEqualTo(11);
			// Events written, which may finish after the responses. Over TCP: alice gets carol's
			// and bob's join notices and the three lines, carol bob's join notice and the lines.
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(scrape().value(TCP_DELIVERIES) - before.value(TCP_DELIVERIES))
					.isEqualTo(5 + 4));
			// Bob's stream: its first room event, alice's two messages, his join, the three lines.
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(scrape().value(HTTP_DELIVERIES) - before.value(HTTP_DELIVERIES))
					.isEqualTo(1 + 2 + 1 + 3));

			aliceLine.requestOk("logout", "session", alice.token());
			assertThat(api.delete("/api/sessions/current", bobToken).status()).isEqualTo(204);
			assertThat(scrape().value(SESSIONS)).isEqualTo(before.value(SESSIONS) + 1);
		}
		awaitNoConnections();
		Scrape after = scrape();
		assertThat(after.value(STREAMS)).isZero();
		assertThat(after.value(TCP_SLOW)).isEqualTo(before.value(TCP_SLOW));
	}

	@Test
	void aTcpClientThatStopsReadingIsCutOffAndCountedOnce() {
		HttpApi api = this.server.http();
		TestUser slow = this.server.newUser("slow");
		TestUser talker = this.server.newUser("talker");
		String room = ChatServer.uniqueName("flood");
		assertThat(api.putEmpty("/api/rooms/" + room + "/members/me", talker.token()).status()).isEqualTo(200);
		double before = scrape().value(TCP_SLOW);
		try (TcpClient reader = this.server.lineClient()) {
			reader.requestOk("room_join", "session", slow.token(), "roomname", room);
			// From here on it reads nothing: the socket buffers fill (a few megabytes on
			// loopback), then its queue. Posts go on a little past the cut, which counts once.
			String big = "x".repeat(60_000);
			for (int posts = 1; posts <= 200 && scrape().value(TCP_SLOW) == before; posts += 4) {
				for (int i = 0; i < 4; i++) {
					assertThat(api.post("/api/rooms/" + room + "/messages", talker.token(), Map.of("message", big))
						.status()).isEqualTo(201);
				}
			}
			assertThat(scrape().value(TCP_SLOW)).isEqualTo(before + 1);
			assertThat(reader.isClosedByServer()).isTrue();
		}
	}

	/** A message sent to a listening connection is delivered as it is stored: it never waits in an inbox. */
	@Test
	void theInboxBacklogLeavesOutWhatListenersAreSent() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		try (TcpClient sender = this.server.lineClient(); TcpClient listener = this.server.lineClient()) {
			Scrape before = scrape();
			sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "one");
			sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "two");
			assertThat(scrape().value(BACKLOG)).isEqualTo(before.value(BACKLOG) + 2);

			assertThat(listener.requestOk("inbox_listen", "session", bob.token()).get("messages").get(alice.username()))
				.hasSize(2);
			assertThat(scrape().value(BACKLOG)).isEqualTo(before.value(BACKLOG));

			sender.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "three");
			assertThat(listener.nextEvent().get("msg").asString()).isEqualTo("three");
			Scrape after = scrape();
			assertThat(after.value(BACKLOG)).isEqualTo(before.value(BACKLOG));
			assertThat(after.value(DIRECT) - before.value(DIRECT)).isEqualTo(3);
		}
	}

	/** Cut off like a room member, it stops listening: later messages wait in the inbox. */
	@Test
	void anInboxListenerThatStopsReadingIsCutOffAndItsMessagesWaitAgain() {
		HttpApi api = this.server.http();
		TestUser slow = this.server.newUser("slow");
		TestUser talker = this.server.newUser("talker");
		double before = scrape().value(TCP_SLOW);
		try (TcpClient reader = this.server.lineClient()) {
			reader.requestOk("inbox_listen", "session", slow.token());
			String big = "x".repeat(60_000);
			for (int posts = 1; posts <= 200 && scrape().value(TCP_SLOW) == before; posts += 4) {
				for (int i = 0; i < 4; i++) {
					assertThat(api.post("/api/messages", talker.token(), Map.of("to", slow.username(), "message", big))
						.status()).isEqualTo(201);
				}
			}
			assertThat(scrape().value(TCP_SLOW)).isEqualTo(before + 1);
			assertThat(reader.isClosedByServer()).isTrue();
		}
		await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			assertThat(api.post("/api/messages", talker.token(), Map.of("to", slow.username(), "message", "probe"))
				.status()).isEqualTo(201);
			assertThat(api.post("/api/inbox", slow.token(), Map.of()).json().get("messages").isEmpty()).isFalse();
		});
	}

	@Test
	void theBackupEndpointStaysOffWhenOnlyExposed() {
		assertThat(this.server.http().postRaw("/actuator/backup", null, "application/json", "").status())
			.isEqualTo(404);
		assertThat(this.server.http().get("/actuator", null).json().get("_links").has("backup")).isFalse();
	}

	private void awaitNoConnections() {
		await().atMost(WAIT).untilAsserted(() -> {
			Scrape now = scrape();
			assertThat(now.value(LINE)).isZero();
			assertThat(now.value(LEGACY)).isZero();
		});
	}

	private Scrape scrape() {
		Result result = this.server.http().get("/actuator/prometheus", null);
		assertThat(result.status()).isEqualTo(200);
		return Scrape.parse(result.text());
	}

	/** Prometheus text format: one {@code name{labels} value} per line, comments start with #. */
	private record Scrape(Map<String, Double> samples) {

		static Scrape parse(String text) {
			Map<String, Double> samples = new HashMap<>();
			text.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
				int space = line.lastIndexOf(' ');
				samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
			});
			return new Scrape(samples);
		}

		boolean has(String series) {
			return this.samples.containsKey(series);
		}

		double value(String series) {
			Double value = this.samples.get(series);
			assertThat(value).as("series %s in the scrape", series).isNotNull();
			return value;
		}

	}

	/** An open {@code /api/events} stream, its body left unread until closed. */
	private record OpenStream(HttpResponse<Stream<String>> response) implements AutoCloseable {

		static OpenStream open(HttpApi api, String token) {
			try {
				HttpResponse<Stream<String>> response = api.client()
					.send(api.request("/api/events", token).header("Accept", "text/event-stream").GET().build(),
							BodyHandlers.ofLines());
				assertThat(response.statusCode()).isEqualTo(200);
				return new OpenStream(response);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			this.response.body().close();
		}

	}

}

package org.progjar.chat.durability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.durability.AcknowledgedLoad.Sender;
import org.progjar.chat.testing.ServerProcess;
import org.progjar.chat.testing.TcpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The durability claim, proved the hard way: a request is answered OK only after its
 * transaction committed, so whatever was acknowledged survives {@code kill -9} of the JVM. The
 * server runs as a child process under load, is SIGKILLed mid-flight, and its H2 file is then
 * read directly and through a restarted server.
 */
class CrashDurabilityIntegrationTests {

	private static final int SENDERS = 8;

	private static final int ACKNOWLEDGEMENTS_BEFORE_KILL = 300;

	private static final String PASSWORD = "password123";

	private final List<ServerProcess> servers = new ArrayList<>();

	private AcknowledgedLoad load;

	@RegisterExtension
	final TestWatcher serverLogsOnFailure = new TestWatcher() {

		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			servers.forEach((server) -> System.out.println("Server log (pid " + server.pid() + "): " + server.log()));
		}

	};

	@AfterEach
	void stopEverything() throws InterruptedException {
		if (this.load != null) {
			this.load.close();
		}
		for (ServerProcess server : this.servers) {
			server.close();
		}
	}

	@Test
	void everyAcknowledgedMessageSurvivesKillMinus9() throws Exception {
		Path directory = Files.createDirectories(Path.of("target", "crash-durability", UUID.randomUUID().toString()))
			.toAbsolutePath();
		String databaseUrl = "jdbc:h2:file:" + directory.resolve("db").resolve("chat") + ";WRITE_DELAY=0;RETENTION_TIME=0";
		ServerProcess first = start(directory, databaseUrl, "first-run");

		String recipient = "recipient";
		List<Sender> senders = new ArrayList<>();
		try (TcpClient client = TcpClient.line(first.linePort())) {
			register(client, recipient);
			for (int i = 0; i < SENDERS; i++) {
				String username = "sender-" + i;
				register(client, username);
				senders.add(new Sender(username, login(client, username), "room-" + (i % 2)));
			}
		}

		this.load = new AcknowledgedLoad();
		long loadStarted = System.nanoTime();
		this.load.start(first.linePort(), senders, recipient, 5_000);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(5))
			.failFast("a sender failed", () -> !this.load.failures().isEmpty())
			.until(() -> this.load.acknowledged() >= ACKNOWLEDGEMENTS_BEFORE_KILL);

		assertThat(this.load.isRunning()).as("the kill lands while requests are in flight").isTrue();
		long killSent = System.nanoTime();
		int acknowledgedAtKill = this.load.acknowledged();
		this.load.expectServerDeath();
		first.kill();
		long killDone = System.nanoTime();
		assertThat(this.load.awaitEnd(Duration.ofSeconds(15))).as("senders noticed the dead server").isTrue();
		assertThat(this.load.failures()).isEmpty();

		Set<String> directMessages = this.load.directMessages();
		Set<String> roomMessages = this.load.roomMessages();
		System.out.printf(
				"Crash test: %d acknowledgements (%d direct, %d room) from %d connections; SIGKILL sent %d ms after the"
						+ " load started, at acknowledgement #%d; process %d dead %d ms later (exit %d)%n",
				directMessages.size() + roomMessages.size(), directMessages.size(), roomMessages.size(), SENDERS,
				millis(loadStarted, killSent), acknowledgedAtKill, first.pid(), millis(killSent, killDone),
				ServerProcess.KILLED_BY_SIGKILL);

		int storedDirect = checkDatabase(databaseUrl, recipient, directMessages, roomMessages);

		ServerProcess second = start(directory, databaseUrl, "second-run");
		List<String> delivered = drainInbox(second.linePort(), recipient);
		assertThat(delivered).doesNotHaveDuplicates();
		assertThat(missing(directMessages, delivered)).as("acknowledged but not in the inbox").isEmpty();
		assertThat(delivered).as("inbox delivers exactly what was stored").hasSize(storedDirect);
		System.out.printf("Crash test: after a restart, inbox delivered all %d stored direct messages%n",
				delivered.size());
	}

	/** Reads the H2 file as the killed server left it. @return how many direct messages it holds */
	private int checkDatabase(String databaseUrl, String recipient, Set<String> directMessages,
			Set<String> roomMessages) throws SQLException {
		try (Connection db = DriverManager.getConnection(databaseUrl, "sa", "")) {
			List<String> storedDirect = strings(db, "select m.body from direct_messages m join users u on"
					+ " u.id = m.recipient_id where u.username = ?", recipient);
			assertThat(missing(directMessages, storedDirect)).as("acknowledged but not stored").isEmpty();

			Map<String, List<Long>> seqsByRoom = new LinkedHashMap<>();
			Map<String, Long> lastSeqByRoom = new LinkedHashMap<>();
			List<String> storedRoomLines = new ArrayList<>();
			try (PreparedStatement query = db.prepareStatement("select r.name, r.last_seq, m.seq, m.body, m.sender_id"
					+ " from room_messages m join rooms r on r.id = m.room_id order by r.name, m.seq");
					ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					seqsByRoom.computeIfAbsent(rows.getString(1), (room) -> new ArrayList<>()).add(rows.getLong(3));
					lastSeqByRoom.put(rows.getString(1), rows.getLong(2));
					if (rows.getObject(5) != null) {
						storedRoomLines.add(rows.getString(4));
					}
				}
			}
			assertThat(missing(roomMessages, storedRoomLines)).as("acknowledged but not stored").isEmpty();
			assertThat(seqsByRoom).containsOnlyKeys("room-0", "room-1");
			seqsByRoom.forEach((room, seqs) -> {
				assertThat(seqs).as("seq of %s", room).containsExactlyElementsOf(oneTo(seqs.size()));
				assertThat(lastSeqByRoom.get(room)).as("last_seq of %s", room).isEqualTo(seqs.size());
			});
			System.out.printf(
					"Crash test: database after the kill holds %d direct messages (%d committed without an"
							+ " acknowledgement) and %d room messages (%d lines, the rest join notices), seq 1..n in %s%n",
					storedDirect.size(), storedDirect.size() - directMessages.size(),
					seqsByRoom.values().stream().mapToInt(List::size).sum(), storedRoomLines.size(),
					seqsByRoom.keySet());
			return storedDirect.size();
		}
	}

	/** inbox hands out at most a batch per call: ask until it has nothing left. */
	private static List<String> drainInbox(int port, String recipient) {
		List<String> delivered = new ArrayList<>();
		try (TcpClient client = TcpClient.line(port)) {
			String token = login(client, recipient);
			for (int call = 0; call < 100; call++) {
				JsonNode messages = client.requestOk("inbox", "session", token).get("messages");
				if (messages.isEmpty()) {
					return delivered;
				}
				messages.forEach((bySender) -> bySender.forEach((message) -> delivered.add(message.get("msg").asString())));
			}
		}
		throw new AssertionError("inbox never ran dry");
	}

	private ServerProcess start(Path directory, String databaseUrl, String name) {
		long started = System.nanoTime();
		ServerProcess server = ServerProcess.start(directory, databaseUrl, name);
		this.servers.add(server);
		System.out.printf("Crash test: %s server (pid %d) listening after %d ms, log %s%n", name, server.pid(),
				millis(started, System.nanoTime()), server.log());
		return server;
	}

	private static void register(TcpClient client, String username) {
		client.requestOk("register", "username", username, "password", PASSWORD, "name", "Name of " + username,
				"nationality", "Indonesia");
	}

	private static String login(TcpClient client, String username) {
		return client.requestOk("auth", "username", username, "password", PASSWORD).get("tokenid").asString();
	}

	private static List<String> strings(Connection db, String sql, String parameter) throws SQLException {
		List<String> values = new ArrayList<>();
		try (PreparedStatement query = db.prepareStatement(sql)) {
			query.setString(1, parameter);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					values.add(rows.getString(1));
				}
			}
		}
		return values;
	}

	private static Set<String> missing(Set<String> expected, List<String> actual) {
		Set<String> missing = new HashSet<>(expected);
		actual.forEach(missing::remove);
		return missing;
	}

	private static List<Long> oneTo(int n) {
		return LongStream.rangeClosed(1, n).boxed().toList();
	}

	private static long millis(long fromNanos, long toNanos) {
		return (toNanos - fromNanos) / 1_000_000;
	}

}

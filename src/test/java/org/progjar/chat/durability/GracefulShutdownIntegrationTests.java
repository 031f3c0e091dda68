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
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import org.progjar.chat.durability.AcknowledgedLoad.Sender;
import org.progjar.chat.testing.ServerProcess;
import org.progjar.chat.testing.TcpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM under load: the server stops accepting, finishes what is in flight, closes the
 * connections and exits by itself, and nothing it acknowledged is missing from the database.
 * Every client got OK, {@code SHUTTING_DOWN} or a closed connection.
 */
class GracefulShutdownIntegrationTests {

	private static final int SENDERS = 8;

	private static final int ACKNOWLEDGEMENTS_BEFORE_SIGTERM = 300;

	/** Far longer than a shutdown takes; the time it did take is printed. */
	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);

	private static final String PASSWORD = "password123";

	private ServerProcess server;

	private AcknowledgedLoad load;

	@RegisterExtension
	final TestWatcher serverLogOnFailure = new TestWatcher() {

		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			if (server != null) {
				System.out.println("Server log (pid " + server.pid() + "): " + server.log());
			}
		}

	};

	@AfterEach
	void stopEverything() throws InterruptedException {
		if (this.load != null) {
			this.load.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void sigtermFinishesWhatIsInFlightAndLosesNothingAcknowledged() throws Exception {
		Path directory = Files.createDirectories(Path.of("target", "graceful-shutdown", UUID.randomUUID().toString()))
			.toAbsolutePath();
		// The settings of application.yml's URL, in a directory of its own.
		String databaseUrl = "jdbc:h2:file:" + directory.resolve("db").resolve("chat")
				+ ";WRITE_DELAY=0;RETENTION_TIME=0;DB_CLOSE_ON_EXIT=FALSE";
		this.server = ServerProcess.start(directory, databaseUrl, "server");

		String recipient = "recipient";
		List<Sender> senders = new ArrayList<>();
		try (TcpClient client = TcpClient.line(this.server.linePort())) {
			register(client, recipient);
			for (int i = 0; i < SENDERS; i++) {
				String username = "sender-" + i;
				register(client, username);
				senders.add(new Sender(username,
						client.requestOk("auth", "username", username, "password", PASSWORD).get("tokenid").asString(),
						"room-" + (i % 2)));
			}
		}
		this.load = new AcknowledgedLoad();
		this.load.start(this.server.linePort(), senders, recipient, 100_000);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(5))
			.failFast("a sender failed", () -> !this.load.failures().isEmpty())
			.until(() -> this.load.acknowledged() >= ACKNOWLEDGEMENTS_BEFORE_SIGTERM);

		assertThat(this.load.isRunning()).as("SIGTERM lands while requests are in flight").isTrue();
		this.load.expectServerDeath();
		long sent = System.nanoTime();
		int status = this.server.terminate(EXIT_TIMEOUT);
		long exited = System.nanoTime();
		assertThat(this.load.awaitEnd(Duration.ofSeconds(15))).as("senders saw the server go").isTrue();
		assertThat(this.load.failures()).isEmpty();

		String log = Files.readString(this.server.log());
		assertThat(status).as("exit status after SIGTERM").isEqualTo(ServerProcess.TERMINATED_BY_SIGTERM);
		assertThat(log).containsPattern("TCP shut down in \\d+ ms: stopped accepting, (\\d+) of \\1 requests in flight"
				+ " finished, closed \\d+ connections");
		assertThat(log.lines().filter((line) -> line.matches(".*\\sERROR \\d+ --- .*"))).as("errors logged").isEmpty();
		String shutdown = log.substring(log.indexOf("Commencing graceful shutdown"));
		assertThat(shutdown.lines().filter((line) -> line.matches(".*\\sWARN \\d+ --- .*")))
			.as("warnings logged while shutting down").isEmpty();

		List<String> storedDirect = strings(databaseUrl, "select m.body from direct_messages m join users u"
				+ " on u.id = m.recipient_id where u.username = ?", recipient);
		List<String> storedRoomLines = strings(databaseUrl, "select body from room_messages where sender_id is not null");
		assertThat(storedDirect).as("acknowledged direct messages").containsAll(this.load.directMessages());
		assertThat(storedRoomLines).as("acknowledged room lines").containsAll(this.load.roomMessages());
		System.out.printf("Graceful shutdown: SIGTERM after %d acknowledgements from %d connections; exit %d after"
				+ " %d ms; %d requests refused as SHUTTING_DOWN; the database holds all %d acknowledged (%d direct"
				+ " messages, %d room lines stored)%n", this.load.directMessages().size() + this.load.roomMessages().size(),
				SENDERS, status, (exited - sent) / 1_000_000, this.load.refusedAtShutdown(),
				this.load.acknowledged(), storedDirect.size(), storedRoomLines.size());
		System.out.println("Graceful shutdown: " + log.lines().filter((line) -> line.contains("TCP shut down in"))
			.findFirst()
			.orElseThrow());
	}

	private static void register(TcpClient client, String username) {
		client.requestOk("register", "username", username, "password", PASSWORD, "name", "Name of " + username,
				"nationality", "Indonesia");
	}

	private static List<String> strings(String databaseUrl, String sql, Object... parameters) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Connection db = DriverManager.getConnection(databaseUrl, "sa", "");
				PreparedStatement query = db.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				query.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					values.add(rows.getString(1));
				}
			}
		}
		return values;
	}

}

package org.progjar.chat.soak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.progjar.chat.protocol.TcpConnectionCount;
import org.progjar.chat.soak.Soak.Client;
import org.progjar.chat.soak.Soak.Roster;
import org.progjar.chat.soak.Soak.Run;
import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A few hundred clients (line, legacy and REST) doing what users do, with random disconnects,
 * for minutes against one in-process server. Afterwards every acknowledged message and file is
 * in the database, no connection or thread is left over, and the heap is back near where it
 * started. Not part of the build: run it with {@code ./mvnw -Psoak test} (docs/soak.md).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "soak" })
@Import(ChatServer.class)
class MixedLoadSoak {

	private static final Path REPORT_DIRECTORY = Path.of("target", "soak").toAbsolutePath();

	@Autowired
	ChatServer server;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApplicationContext context;

	@Autowired
	@Qualifier("lineServer")
	TcpNetServerConnectionFactory lineServer;

	@Autowired
	@Qualifier("legacyServer")
	TcpNetServerConnectionFactory legacyServer;

	@Test
	void holdsUpUnderMixedLoad() throws Exception {
		SoakSettings settings = SoakSettings.fromSystemProperties();
		HttpApi http = this.server.http();
		List<Client> clients = logIn(settings.lineClients() + settings.legacyClients() + settings.httpClients());
		Roster roster = new Roster(clients.stream().map(Client::username).toList(),
				IntStream.range(0, settings.rooms()).mapToObj((i) -> ChatServer.uniqueName("soak-room")).toList());

		Run warmUp = load(settings, settings.warmUp(), clients, roster, http);
		assertThat(warmUp.acks().missingFrom(this.jdbc)).isEmpty();
		warmUp.acks().clear();
		awaitNoConnections();
		Vitals before = Vitals.measure(this.context, REPORT_DIRECTORY);

		Instant start = Instant.now();
		Run run = load(settings, settings.duration(), clients, roster, http);
		Duration took = Duration.between(start, Instant.now());
		awaitNoConnections();
		List<String> broken = run.acks().missingFrom(this.jdbc);
		String acknowledged = run.acks().summary();
		run.acks().clear();
		Vitals after = Vitals.measure(this.context, REPORT_DIRECTORY);

		String report = String.format("""
				Soak: %d line, %d legacy and %d REST clients for %s (after %s of warm-up), think time up to %s
				%s in %.0f s: %.0f per second
				%s
				%s; not stored as acknowledged: %d
				before: %s
				after:  %s
				""", settings.lineClients(), settings.legacyClients(), settings.httpClients(), settings.duration(),
				settings.warmUp(), settings.thinkTime(), run.tally().operations() + " requests",
				took.toMillis() / 1000.0, run.tally().operations() * 1000.0 / took.toMillis(), run.tally().summary(),
				acknowledged, broken.size(), before, after);
		System.out.println(report);
		Files.writeString(Files.createDirectories(REPORT_DIRECTORY).resolve("report.txt"), report,
				StandardCharsets.UTF_8);

		assertThat(broken).as("acknowledged but not stored").isEmpty();
		assertThat(run.tally().unexpected()).as("unexpected errors").isEmpty();
		assertThat(after.connections()).isEqualTo(before.connections());
		assertThat(after.allThreads()).as("live threads").isLessThanOrEqualTo(before.allThreads() + settings.threadSlack());
		assertThat(after.platformThreads()).as("platform threads")
			.isLessThanOrEqualTo(before.platformThreads() + settings.threadSlack());
		assertThat(after.heapBytes()).as("heap after full GC")
			.isLessThanOrEqualTo(before.heapBytes() + settings.heapSlack().toBytes());
	}

	/** Registers and logs in the users, a few dozen at a time. */
	private List<Client> logIn(int count) throws Exception {
		try (ExecutorService threads = Executors.newFixedThreadPool(16, Thread.ofVirtual().factory())) {
			List<Future<TestUser>> users = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				users.add(threads.submit(() -> this.server.newUser("soak")));
			}
			List<Client> clients = new ArrayList<>();
			for (Future<TestUser> user : users) {
				clients.add(new Client(user.get().username(), user.get().token()));
			}
			return clients;
		}
	}

	/** Every client on its own virtual thread until the phase ends; returns once all have stopped. */
	private Run load(SoakSettings settings, Duration length, List<Client> clients, Roster roster, HttpApi http)
			throws InterruptedException {
		Run run = new Run(settings, Instant.now().plus(length), new Acks(), new Tally());
		int linePort = this.server.linePort();
		int legacyPort = this.server.legacyPort();
		Duration timeout = settings.responseTimeout();
		ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
		for (int i = 0; i < clients.size(); i++) {
			Client client = clients.get(i);
			long seed = run.deadline().toEpochMilli() + i;
			if (i < settings.lineClients()) {
				threads.execute(new TcpWorker("line", () -> TcpClient.line(linePort).withReadTimeout(timeout), client,
						roster, run, seed));
			}
			else if (i < settings.lineClients() + settings.legacyClients()) {
				threads.execute(new TcpWorker("legacy", () -> TcpClient.legacy(legacyPort).withReadTimeout(timeout),
						client, roster, run, seed));
			}
			else {
				threads.execute(new HttpWorker(http, client, roster, run, seed));
			}
		}
		threads.shutdown();
		// a worker stops at the deadline, after at most one more answer or timeout
		Duration grace = timeout.plusMinutes(1);
		if (!threads.awaitTermination(length.plus(grace).toMillis(), TimeUnit.MILLISECONDS)) {
			threads.shutdownNow();
			throw new AssertionError("The soak's clients did not stop");
		}
		return run;
	}

	private void awaitNoConnections() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(TcpConnectionCount.of(this.context)).isZero();
			assertThat(this.lineServer.getOpenConnectionIds()).isEmpty();
			assertThat(this.legacyServer.getOpenConnectionIds()).isEmpty();
		});
	}

}

package org.progjar.chat.durability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.ChatApplication;
import org.progjar.chat.durability.RestartPersistenceIntegrationTests.MainClassesOnly;
import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi.Result;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented backup procedure end to end: an online backup through the actuator while
 * clients keep writing, then a restore (unzip in place of the database file) that a fresh server
 * starts on, with everything acknowledged before the backup in it.
 */
@ChatServerTest
@TestPropertySource(properties = { "management.endpoints.web.exposure.include=health,info,backup",
		"management.endpoint.backup.access=unrestricted" })
class BackupRestoreIntegrationTests {

	@Autowired
	ChatServer server;

	@Test
	void anOnlineBackupRestoresIntoAWorkingServer() throws Exception {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		try (TcpClient client = this.server.lineClient()) {
			client.requestOk("send", "session", alice.token(), "destination", bob.username(), "message",
					"before the backup");
		}

		Path first;
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger written = new AtomicInteger();
		List<Throwable> failures = new ArrayList<>();
		// Another client keeps writing while the backup runs: the server stays online.
		Thread writer = Thread.ofVirtual().start(() -> {
			try (TcpClient client = this.server.lineClient()) {
				while (writing.get() && written.get() < 10_000) {
					client.requestOk("send", "session", bob.token(), "destination", alice.username(), "message",
							"during the backup");
					written.incrementAndGet();
				}
			}
			catch (Throwable ex) {
				failures.add(ex);
			}
		});
		try {
			first = backup();
		}
		finally {
			writing.set(false);
			writer.join();
		}
		assertThat(failures).isEmpty();

		// Next to the database file by default, named by the time, complete once named.
		Path databaseDirectory = first.getParent().getParent();
		assertThat(first.getParent().getFileName()).hasToString("backups");
		assertThat(databaseDirectory.resolve("chat.mv.db")).exists();
		assertThat(first.getFileName().toString()).matches("chat-\\d{8}T\\d{6}\\.\\d{6}Z\\.zip");
		try (var listing = Files.list(first.getParent())) {
			assertThat(listing.map(Path::toString)).noneMatch((name) -> name.endsWith(".partial"));
		}
		Path second = backup();
		assertThat(second).isNotEqualTo(first).exists();

		Path restored = Path.of("target", "restore", UUID.randomUUID().toString()).toAbsolutePath();
		unzip(first, restored);
		assertThat(restored.resolve("chat.mv.db")).exists();
		try (ConfigurableApplicationContext restoredServer = start(restored.resolve("chat"));
				TcpClient client = TcpClient.line(linePort(restoredServer))) {
			// Sessions are rows: bob's token from before the backup still works.
			JsonNode inbox = client.requestOk("inbox", "session", bob.token()).get("messages");
			assertThat(inbox.get(alice.username()).get(0).get("msg").asString()).isEqualTo("before the backup");
			client.requestOk("send", "session", alice.token(), "destination", bob.username(), "message",
					"after the restore");
		}
	}

	private Path backup() {
		Result result = this.server.http().postRaw("/actuator/backup", null, "application/json", "");
		assertThat(result.status()).as(result.text()).isEqualTo(200);
		Path file = Path.of(result.json().get("file").asString());
		assertThat(file).isAbsolute().exists();
		assertThat(result.json().get("bytes").asLong()).isEqualTo(size(file)).isPositive();
		return file;
	}

	/** What {@code unzip backup.zip -d DIR} does. */
	private static void unzip(Path zip, Path directory) throws IOException {
		Files.createDirectories(directory);
		try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
			ZipEntry entry;
			while ((entry = entries.getNextEntry()) != null) {
				Path target = directory.resolve(entry.getName()).normalize();
				assertThat(target.getParent()).isEqualTo(directory);
				Files.copy(entries, target);
			}
		}
	}

	private static ConfigurableApplicationContext start(Path database) {
		return new SpringApplicationBuilder(ChatApplication.class).profiles("test")
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("mainClassesOnly", new MainClassesOnly()))
			.run("--spring.datasource.url=jdbc:h2:file:" + database + ";WRITE_DELAY=0;RETENTION_TIME=0",
					"--chat.tcp.port=0", "--chat.tcp.legacy-port=0", "--server.port=0");
	}

	private static int linePort(ConfigurableApplicationContext context) {
		TcpNetServerConnectionFactory lineServer = context.getBean("lineServer", TcpNetServerConnectionFactory.class);
		TestingUtilities.waitListening(lineServer, 10_000L);
		return lineServer.getPort();
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

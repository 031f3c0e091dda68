package org.progjar.chat.durability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.ChatApplication;
import org.progjar.chat.testing.ServerProcess;
import org.progjar.chat.testing.TcpClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful restart on the same file database: users, sessions, direct messages and files are
 * kept; room memberships are not, because they belong to connections and none survives.
 */
class RestartPersistenceIntegrationTests {

	private static final String PAYLOAD = "aGVsbG8gd29ybGQ=";

	@Test
	void storedDataSurvivesARestartAndRoomMembershipsDoNot() {
		String databaseUrl = "jdbc:h2:file:"
				+ Path.of("target", "restart-persistence", UUID.randomUUID().toString(), "chat").toAbsolutePath()
				+ ";WRITE_DELAY=0";
		String aliceToken;
		String bobToken;
		try (ConfigurableApplicationContext first = start(databaseUrl);
				TcpClient client = TcpClient.line(linePort(first))) {
			register(client, "alice", "Alice");
			register(client, "bob", "Bob");
			aliceToken = login(client, "alice");
			bobToken = login(client, "bob");
			client.requestOk("send", "session", aliceToken, "destination", "bob", "message", "see you after the restart");
			client.requestOk("file_send", "session", aliceToken, "username", "bob", "filename", "notes.txt", "payload",
					PAYLOAD);
			client.requestOk("room_join", "session", aliceToken, "roomname", "lobby");
			client.requestOk("room_chat", "session", aliceToken, "message", "before the restart");
		}

		try (ConfigurableApplicationContext second = start(databaseUrl);
				TcpClient client = TcpClient.line(linePort(second))) {
			// Sessions are rows, not memory: the old token still works.
			JsonNode inbox = client.requestOk("inbox", "session", bobToken).get("messages");
			assertThat(inbox.propertyNames()).containsExactly("alice");
			assertThat(inbox.get("alice").get(0).get("msg").asString()).isEqualTo("see you after the restart");
			assertThat(inbox.get("alice").get(0).get("msg_from").asString()).isEqualTo("Alice");

			assertThat(client.requestOk("file_list", "session", bobToken).get("file").asString())
				.isEqualTo("[\"notes.txt\"]");
			assertThat(client.requestOk("file_get", "session", bobToken, "filename", "notes.txt")
				.get("payload")
				.asString()).isEqualTo(PAYLOAD);

			assertThat(login(client, "alice")).isNotEqualTo(aliceToken);

			// The membership died with its connection; the start-up reset cleared it.
			assertThat(client.requestError("room_chat", "session", aliceToken, "message", "still here?")
				.get("code")
				.asString()).isEqualTo("NOT_IN_ROOM");
			JsonNode joined = client.requestOk("room_join", "session", aliceToken, "roomname", "lobby");
			assertThat(joined.get("users")).extracting(JsonNode::asString).containsExactly("Alice");
			client.requestOk("room_chat", "session", aliceToken, "message", "after the restart");
			assertThat(client.nextEvent().get("messages").asString()).isEqualTo("after the restart");
		}
	}

	private static ConfigurableApplicationContext start(String databaseUrl) {
		return new SpringApplicationBuilder(ChatApplication.class).profiles("test")
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("mainClassesOnly", new MainClassesOnly()))
			.run("--spring.datasource.url=" + databaseUrl, "--chat.tcp.port=0", "--chat.tcp.legacy-port=0",
					"--server.port=0");
	}

	private static int linePort(ConfigurableApplicationContext context) {
		TcpNetServerConnectionFactory lineServer = context.getBean("lineServer", TcpNetServerConnectionFactory.class);
		TestingUtilities.waitListening(lineServer, 10_000L);
		return lineServer.getPort();
	}

	private static void register(TcpClient client, String username, String name) {
		client.requestOk("register", "username", username, "password", "password123", "name", name, "nationality",
				"Indonesia");
	}

	private static String login(TcpClient client, String username) {
		return client.requestOk("auth", "username", username, "password", "password123").get("tokenid").asString();
	}

	/**
	 * Outside a Spring test context nothing hides the test classes from component scanning: this
	 * keeps helpers like {@code @TestComponent ChatServer} and other tests' configurations out.
	 */
	static final class MainClassesOnly extends TypeExcludeFilter {

		private final String testClasses = ServerProcess.testClassesDirectory().toUri().toString();

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			return reader.getResource().getURI().toString().startsWith(this.testClasses);
		}

	}

}

package org.progjar.chat.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At most so many connections in all and from one address, over both listeners together. Other
 * client addresses are other loopback addresses (127.0.0.x), which Linux routes like 127.0.0.1.
 */
@ChatServerTest
@TestPropertySource(properties = { "chat.tcp.max-connections=5", "chat.tcp.max-connections-per-address=3" })
class ConnectionLimitsIntegrationTests {

	@Autowired
	ChatServer server;

	@Autowired
	ConnectionAdmission admission;

	private final List<TcpClient> open = new ArrayList<>();

	private TestUser user;

	@BeforeEach
	void noConnectionsOpen() {
		this.user = this.server.newUser("limits");
		awaitOpenConnections(0);
	}

	@AfterEach
	void closeAll() {
		this.open.forEach(TcpClient::close);
		awaitOpenConnections(0);
	}

	@Test
	void oneAddressGetsItsShareOfBothListenersAndNoMore() {
		TcpClient first = usable(TcpClient.line(this.server.linePort(), "127.0.0.2"));
		usable(TcpClient.legacy(this.server.legacyPort(), "127.0.0.2"));
		usable(TcpClient.line(this.server.linePort(), "127.0.0.2"));

		try (TcpClient refused = TcpClient.line(this.server.linePort(), "127.0.0.2")) {
			assertRefused(refused.response(), "Your address has its maximum of 3 connections");
			assertThat(refused.isClosedByServer()).isTrue();
		}
		try (TcpClient refused = TcpClient.legacy(this.server.legacyPort(), "127.0.0.2")) {
			// It asks at once, as the original client does: the answer is the refusal all the same.
			refused.send("inbox session=" + this.user.token());
			assertRefused(refused.response(), "Your address has its maximum of 3 connections");
			assertThat(refused.isClosedByServer()).isTrue();
		}
		usable(TcpClient.line(this.server.linePort(), "127.0.0.3"));
		this.open.forEach((client) -> client.requestOk("inbox", "session", this.user.token()));

		first.close();
		awaitOpenConnections(3);
		usable(TcpClient.line(this.server.linePort(), "127.0.0.2"));
	}

	@Test
	void theServerTakesItsMaximumAndNoMore() {
		for (String address : List.of("127.0.0.4", "127.0.0.4", "127.0.0.5", "127.0.0.5", "127.0.0.6")) {
			usable(TcpClient.line(this.server.linePort(), address));
		}
		try (TcpClient refused = TcpClient.legacy(this.server.legacyPort(), "127.0.0.7")) {
			assertRefused(refused.response(), "The server has its maximum of 5 connections");
			assertThat(refused.isClosedByServer()).isTrue();
		}
		this.open.forEach((client) -> client.requestOk("inbox", "session", this.user.token()));
		assertThat(this.admission.open()).isEqualTo(5);
	}

	private TcpClient usable(TcpClient client) {
		this.open.add(client);
		client.requestOk("inbox", "session", this.user.token());
		return client;
	}

	private static void assertRefused(JsonNode response, String detail) {
		assertThat(response.get("status").asString()).isEqualTo("ERROR");
		assertThat(response.get("code").asString()).isEqualTo("TOO_MANY_CONNECTIONS");
		assertThat(response.get("message").asString()).isEqualTo("Too many connections");
		assertThat(response.get("error").asString()).startsWith(detail);
	}

	/** A closed connection is counted out once the server has read its end. */
	private void awaitOpenConnections(int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.admission.open() == count);
	}

}

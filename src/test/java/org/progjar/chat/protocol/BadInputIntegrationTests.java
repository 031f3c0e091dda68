package org.progjar.chat.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets a clear ERROR and the connection stays usable; only a message over the size
 * limit costs the connection. Small limits here so the tests need not send megabytes.
 */
@ChatServerTest
@TestPropertySource(properties = { "chat.tcp.max-message-size=64KB", "chat.files.max-size=1KB",
		"chat.messages.max-length=100", "chat.tcp.max-parameters=8", "chat.tcp.outbound-queue=4" })
class BadInputIntegrationTests {

	@Autowired
	ChatServer server;

	@Test
	void garbageBytesGetAnErrorAndTheConnectionStaysUsable() {
		TestUser user = this.server.newUser("garbage");
		byte[] garbage = new byte[300];
		new Random(42).nextBytes(garbage);
		for (int i = 0; i < garbage.length; i++) {
			if (garbage[i] == '\n') {
				garbage[i] = 0;
			}
		}
		for (TcpClient client : new TcpClient[] { this.server.lineClient(), this.server.legacyClient() }) {
			try (client) {
				client.sendBytes(garbage);
				JsonNode error = client.response();
				assertThat(error.get("status").asString()).isEqualTo("ERROR");
				assertThat(error.get("error").asString()).isNotBlank();
				client.requestOk("inbox", "session", user.token());
			}
		}
	}

	@Test
	void malformedRequestsAreExplained() {
		TestUser user = this.server.newUser("malformed");
		try (TcpClient client = this.server.lineClient()) {
			client.send("inbox session=%ZZ");
			assertThat(client.response().get("code").asString()).isEqualTo("MALFORMED_REQUEST");
			client.send("");
			assertThat(client.response().get("code").asString()).isEqualTo("UNKNOWN_COMMAND");
			client.send("inbox a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&session=" + user.token());
			assertThat(client.response().get("code").asString()).isEqualTo("MALFORMED_REQUEST");
			client.send("INBOX session=" + user.token());
			assertThat(client.response().get("error").asString()).isEqualTo("Unknown command [INBOX]");
			client.send("room_join session=" + user.token() + "&roomname=");
			assertThat(client.response().get("error").asString()).contains("roomname");
			client.requestOk("inbox", "session", user.token());
		}
	}

	@Test
	void limitsOnTextFileAndNamesAreEnforced() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		try (TcpClient client = this.server.lineClient()) {
			assertThat(client.requestError("send", "session", alice.token(), "destination", bob.username(), "message",
					"x".repeat(101))
				.get("code")
				.asString()).isEqualTo("INVALID_PARAMETER");
			client.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "x".repeat(100));
			assertThat(client.requestError("file_send", "session", alice.token(), "username", bob.username(),
					"filename", "big.bin", "payload", java.util.Base64.getEncoder().encodeToString(new byte[1025]))
				.get("code")
				.asString()).isEqualTo("FILE_TOO_LARGE");
			assertThat(client.requestError("file_send", "session", alice.token(), "username", bob.username(),
					"filename", "bad.bin", "payload", "not base64 at all!")
				.get("code")
				.asString()).isEqualTo("INVALID_PARAMETER");
			assertThat(client.requestError("room_join", "session", alice.token(), "roomname", "r".repeat(65))
				.get("code")
				.asString()).isEqualTo("INVALID_PARAMETER");
			assertThat(client.requestOk("file_list", "session", bob.token()).get("files")).isEmpty();
		}
	}

	@Test
	void aClientThatPipelinesRequestsIsSlowedDownNotCutOff() {
		TestUser user = this.server.newUser("pipeline");
		try (TcpClient client = this.server.lineClient()) {
			for (int i = 0; i < 200; i++) {
				client.send("inbox session=" + user.token());
			}
			for (int i = 0; i < 200; i++) {
				assertThat(client.response().get("status").asString()).isEqualTo("OK");
			}
		}
	}

	@Test
	void anOverlongLineIsRefusedAndOnlyThatConnectionClosed() {
		TestUser user = this.server.newUser("overlong");
		try (TcpClient bystander = this.server.lineClient(); TcpClient offender = this.server.lineClient()) {
			bystander.requestOk("inbox", "session", user.token());
			offender.send("send session=" + user.token() + "&destination=x&message=" + "y".repeat(100_000));
			JsonNode error = offender.response();
			assertThat(error.get("code").asString()).isEqualTo("MESSAGE_TOO_LARGE");
			assertThat(error.get("error").asString()).contains("65536");
			assertThat(offender.isClosedByServer()).isTrue();
			bystander.requestOk("inbox", "session", user.token());
		}
	}

	@Test
	void anOverlongLegacyMessageIsRefusedToo() {
		TestUser user = this.server.newUser("overlong");
		try (TcpClient offender = this.server.legacyClient()) {
			offender.sendBytes(("inbox session=" + user.token() + "&pad=" + "z".repeat(70_000))
				.getBytes(StandardCharsets.US_ASCII));
			assertThat(offender.response().get("code").asString()).isEqualTo("MESSAGE_TOO_LARGE");
			assertThat(offender.isClosedByServer()).isTrue();
		}
		try (TcpClient next = this.server.legacyClient()) {
			next.requestOk("inbox", "session", user.token());
		}
	}

}

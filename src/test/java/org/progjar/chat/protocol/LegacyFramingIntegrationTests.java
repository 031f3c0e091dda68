package org.progjar.chat.protocol;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The legacy listener, spoken to the way the original {@code smartconn.py} client does: every
 * message in 1024-byte blocks padded with spaces.
 */
@ChatServerTest
class LegacyFramingIntegrationTests {

	@Autowired
	ChatServer server;

	@Test
	void theWholeLegacyCommandSetWorksInBlocks() {
		String alam = ChatServer.uniqueName("alam");
		TestUser budi = this.server.newUser("budi");
		try (TcpClient client = this.server.legacyClient()) {
			client.requestOk("register", "username", alam, "password", "s3cret-pass", "name", "Alam Cahya",
					"nationality", "Indonesia");
			String token = client.requestOk("auth", "username", alam, "password", "s3cret-pass").get("tokenid").asString();
			client.requestOk("send", "session", token, "destination", budi.username(), "message", "halo budi");
			JsonNode inbox = client.requestOk("inbox", "session", budi.token()).get("messages");
			assertThat(inbox.get(alam).get(0).get("msg").asString()).isEqualTo("halo budi");

			// A file bigger than a block both ways: a multi-block request and a multi-block response.
			byte[] bytes = new byte[20_000];
			new Random(7).nextBytes(bytes);
			client.requestOk("file_send", "session", token, "username", budi.username(), "filename", "photo.jpg",
					"payload", Base64.getEncoder().encodeToString(bytes));
			assertThat(client.requestOk("file_list", "session", budi.token()).get("file").asString())
				.isEqualTo("[\"photo.jpg\"]");
			JsonNode file = client.requestOk("file_get", "session", budi.token(), "filename", "photo.jpg");
			assertThat(Base64.getDecoder().decode(file.get("payload").asString())).isEqualTo(bytes);

			String room = ChatServer.uniqueName("room");
			client.requestOk("room_join", "session", token, "roomname", room);
			client.requestOk("room_chat", "session", token, "message", "a line with spaces " + " ".repeat(3000) + "end");
			assertThat(client.nextEvent().get("messages").asString()).endsWith("end").hasSize(3022);
			client.requestOk("room_send_file", "session", token, "filename", "r.bin", "payload",
					Base64.getEncoder().encodeToString(bytes));
			assertThat(Base64.getDecoder()
				.decode(client.requestOk("room_get_file", "session", token, "filename", "r.bin").get("payload").asString()))
				.isEqualTo(bytes);
			client.requestOk("room_leave", "session", token);
			client.requestOk("logout", "session", token);
			assertThat(client.requestError("inbox", "session", token).get("code").asString()).isEqualTo("INVALID_SESSION");
		}
	}

	@Test
	void requestsOfExactlyOneAndTwoBlocksAreRead() {
		TestUser user = this.server.newUser("exact");
		try (TcpClient client = this.server.legacyClient()) {
			for (int size : new int[] { 1023, 1024, 1025, 2048 }) {
				String prefix = "send session=" + user.token() + "&destination=" + user.username() + "&message=";
				String request = prefix + "x".repeat(size - prefix.length());
				assertThat(request).hasSize(size);
				client.send(request);
				assertThat(client.response().get("status").asString()).as("%d bytes", size).isEqualTo("OK");
			}
		}
	}

	@Test
	void aBlockThatArrivesInPiecesIsWaitedFor() throws Exception {
		TestUser user = this.server.newUser("pieces");
		byte[] block = new byte[1024];
		Arrays.fill(block, (byte) ' ');
		byte[] request = ("inbox session=" + user.token()).getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(request, 0, block, 0, request.length);
		try (Socket socket = new Socket("127.0.0.1", this.server.legacyPort())) {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			for (int offset = 0; offset < block.length; offset += 100) {
				out.write(block, offset, Math.min(100, block.length - offset));
				out.flush();
			}
			byte[] response = socket.getInputStream().readNBytes(1024);
			assertThat(new String(response, StandardCharsets.UTF_8).strip()).isEqualTo("{\"status\":\"OK\",\"messages\":{}}");
		}
	}

	@Test
	void lineAndLegacyClientsShareSessionsAndRooms() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("mixed");
		try (TcpClient line = this.server.lineClient(); TcpClient legacy = this.server.legacyClient()) {
			line.requestOk("room_join", "session", alice.token(), "roomname", room);
			legacy.requestOk("room_join", "session", bob.token(), "roomname", room);
			line.nextEvent();

			legacy.requestOk("room_chat", "session", bob.token(), "message", "from the old client");
			line.requestOk("room_chat", "session", alice.token(), "message", "from nc");
			assertThat(line.nextEvent().get("messages").asString()).isEqualTo("from the old client");
			assertThat(line.nextEvent().get("messages").asString()).isEqualTo("from nc");
			assertThat(legacy.nextEvent().get("messages").asString()).isEqualTo("from the old client");
			assertThat(legacy.nextEvent().get("messages").asString()).isEqualTo("from nc");
		}
	}

}

package org.progjar.chat.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command of the original protocol over the line listener, with the keys old clients read. */
@ChatServerTest
class LineProtocolIntegrationTests {

	@Autowired
	ChatServer server;

	@Test
	void registerAnswersWithTheProfile() {
		String username = ChatServer.uniqueName("alam");
		try (TcpClient client = this.server.lineClient()) {
			JsonNode response = client.requestOk("register", "username", username, "password", "s3cret-pass",
					"name", "Alam Cahya", "nationality", "Indonesia");
			assertThat(response.get("username").asString()).isEqualTo(username);
			assertThat(response.get("name").asString()).isEqualTo("Alam Cahya");
			assertThat(response.get("nationality").asString()).isEqualTo("Indonesia");
			assertThat(response.has("password")).isFalse();
		}
	}

	@Test
	void registeringATakenUsernameIsRefused() {
		TestUser user = this.server.newUser("taken");
		try (TcpClient client = this.server.lineClient()) {
			JsonNode error = client.requestError("register", "username", user.username(), "password", "another-pass",
					"name", "Someone", "nationality", "Else");
			assertThat(error.get("code").asString()).isEqualTo("USERNAME_TAKEN");
			assertThat(error.get("message").asString()).isNotBlank();
			assertThat(error.get("error").asString()).contains(user.username());
		}
	}

	@Test
	void registrationValidatesUsernameAndPassword() {
		try (TcpClient client = this.server.lineClient()) {
			assertThat(client.requestError("register", "username", "no spaces", "password", "long-enough", "name", "N",
					"nationality", "X")
				.get("code")
				.asString()).isEqualTo("INVALID_PARAMETER");
			assertThat(client.requestError("register", "username", ChatServer.uniqueName("short"), "password", "short",
					"name", "N", "nationality", "X")
				.get("error")
				.asString()).contains("at least 8");
			assertThat(client.requestError("register", "username", "x".repeat(33), "password", "long-enough", "name",
					"N", "nationality", "X")
				.get("code")
				.asString()).isEqualTo("INVALID_PARAMETER");
		}
	}

	@Test
	void passwordsLongerThanBcryptReadsAreRefusedNotTruncated() {
		String username = ChatServer.uniqueName("longpw");
		String longPassword = "p".repeat(73);
		try (TcpClient client = this.server.lineClient()) {
			assertThat(client.requestError("register", "username", username, "password", longPassword, "name", "L",
					"nationality", "X")
				.get("code")
				.asString()).isEqualTo("INVALID_PARAMETER");
			client.requestOk("register", "username", username, "password", "p".repeat(72), "name", "L", "nationality",
					"X");
			// Same 72-byte prefix as the real password, which BCrypt alone could not tell apart.
			assertThat(client.requestError("auth", "username", username, "password", longPassword)
				.get("code")
				.asString()).isEqualTo("BAD_CREDENTIALS");
			client.requestOk("auth", "username", username, "password", "p".repeat(72));
		}
	}

	@Test
	void aClientThatHalfClosesAfterItsRequestStillGetsTheAnswer() throws Exception {
		TestUser user = this.server.newUser("halfclose");
		for (int attempt = 0; attempt < 20; attempt++) {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.server.linePort())) {
				socket.setSoTimeout(10_000);
				socket.getOutputStream().write(("inbox session=" + user.token()).getBytes(StandardCharsets.US_ASCII));
				socket.shutdownOutput();
				String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(answer).as("attempt %d", attempt).isEqualTo("{\"status\":\"OK\",\"messages\":{}}\n");
			}
		}
	}

	@Test
	void authReturnsATokenAndRefusesWrongPasswordsAndUnknownUsersAlike() {
		TestUser user = this.server.newUser("auth");
		try (TcpClient client = this.server.lineClient()) {
			String token = client.requestOk("auth", "username", user.username(), "password", "password123")
				.get("tokenid")
				.asString();
			// 256 random bits, URL-safe base64
			assertThat(token).matches("[A-Za-z0-9_-]{43}");

			JsonNode wrongPassword = client.requestError("auth", "username", user.username(), "password", "nope-nope");
			JsonNode unknownUser = client.requestError("auth", "username", ChatServer.uniqueName("ghost"), "password",
					"nope-nope");
			assertThat(wrongPassword.get("code").asString()).isEqualTo("BAD_CREDENTIALS");
			assertThat(unknownUser).isEqualTo(wrongPassword);
		}
	}

	@Test
	void aTokenWorksOnAnotherConnectionUntilLogout() {
		TestUser user = this.server.newUser("token");
		try (TcpClient first = this.server.lineClient(); TcpClient second = this.server.lineClient()) {
			second.requestOk("inbox", "session", user.token());
			JsonNode logout = first.requestOk("logout", "session", user.token());
			assertThat(logout.get("message").asString()).isNotBlank();
			assertThat(second.requestError("inbox", "session", user.token()).get("code").asString())
				.isEqualTo("INVALID_SESSION");
			assertThat(first.requestError("logout", "session", user.token()).get("code").asString())
				.isEqualTo("INVALID_SESSION");
		}
	}

	@Test
	void sendStoresForTheRecipientAndInboxDeliversOnceGroupedBySender() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		TestUser carol = this.server.newUser("carol");
		try (TcpClient client = this.server.lineClient()) {
			JsonNode sent = client.requestOk("send", "session", alice.token(), "destination", carol.username(),
					"message", "halo semua!");
			assertThat(sent.get("message").asString()).isEqualTo("Message Sent");
			assertThat(sent.get("user").asString()).isEqualTo(carol.username());
			client.requestOk("send", "session", bob.token(), "destination", carol.username(), "message", "from bob");
			client.requestOk("send", "session", alice.token(), "destination", carol.username(), "message", "é & = +");

			JsonNode messages = client.requestOk("inbox", "session", carol.token()).get("messages");
			assertThat(messages.propertyNames()).containsExactly(alice.username(), bob.username());
			JsonNode fromAlice = messages.get(alice.username());
			assertThat(fromAlice).hasSize(2);
			assertThat(fromAlice.get(0).get("msg_from").asString()).isEqualTo(alice.name());
			assertThat(fromAlice.get(0).get("msg_to").asString()).isEqualTo(carol.name());
			assertThat(fromAlice.get(0).get("msg").asString()).isEqualTo("halo semua!");
			assertThat(fromAlice.get(1).get("msg").asString()).isEqualTo("é & = +");
			assertThat(messages.get(bob.username()).get(0).get("msg").asString()).isEqualTo("from bob");

			assertThat(client.requestOk("inbox", "session", carol.token()).get("messages").isEmpty()).isTrue();
		}
	}

	@Test
	void sendToAnUnknownUserIsRefused() {
		TestUser alice = this.server.newUser("alice");
		try (TcpClient client = this.server.lineClient()) {
			JsonNode error = client.requestError("send", "session", alice.token(), "destination", "nobody-here",
					"message", "hi");
			assertThat(error.get("code").asString()).isEqualTo("UNKNOWN_USER");
			assertThat(error.get("error").asString()).isEqualTo("User [nobody-here] does not exist");
		}
	}

	@Test
	void filesAreSentListedAndFetchedByTheRecipientOnly() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		byte[] bytes = "binary\u0000\u00ff content".getBytes(StandardCharsets.ISO_8859_1);
		String payload = Base64.getEncoder().encodeToString(bytes);
		try (TcpClient client = this.server.lineClient()) {
			JsonNode sent = client.requestOk("file_send", "session", alice.token(), "username", bob.username(),
					"filename", "a.png", "payload", payload);
			assertThat(sent.get("message").asString()).isEqualTo("a.png");
			client.requestOk("file_send", "session", alice.token(), "username", bob.username(), "filename", "b.txt",
					"payload", payload);

			JsonNode list = client.requestOk("file_list", "session", bob.token());
			// "file" is a string holding a JSON array, as the original's json.dumps(list)
			assertThat(list.get("file").isString()).isTrue();
			assertThat(list.get("file").asString()).isEqualTo("[\"a.png\",\"b.txt\"]");
			assertThat(list.get("files")).extracting(JsonNode::asString).containsExactly("a.png", "b.txt");

			JsonNode file = client.requestOk("file_get", "session", bob.token(), "filename", "a.png");
			assertThat(file.get("name").asString()).isEqualTo("a.png");
			assertThat(Base64.getDecoder().decode(file.get("payload").asString())).isEqualTo(bytes);

			assertThat(client.requestOk("file_list", "session", alice.token()).get("files")).isEmpty();
			assertThat(client.requestError("file_get", "session", alice.token(), "filename", "a.png")
				.get("code")
				.asString()).isEqualTo("FILE_NOT_FOUND");
		}
	}

	@Test
	void aSecondFileOfTheSameNameForTheSameRecipientIsRefused() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		try (TcpClient client = this.server.lineClient()) {
			client.requestOk("file_send", "session", alice.token(), "username", bob.username(), "filename", "x.txt",
					"payload", "aGVsbG8=");
			assertThat(client.requestError("file_send", "session", alice.token(), "username", bob.username(),
					"filename", "x.txt", "payload", "aGVsbG8=")
				.get("code")
				.asString()).isEqualTo("FILE_EXISTS");
		}
	}

	@Test
	void aFileNameIsNeverAPath() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		try (TcpClient client = this.server.lineClient()) {
			for (String name : new String[] { "../etc/passwd", "a/b", "..", "a\\b", " lead" }) {
				assertThat(client.requestError("file_send", "session", alice.token(), "username", bob.username(),
						"filename", name, "payload", "aGVsbG8=")
					.get("code")
					.asString()).as(name).isEqualTo("INVALID_PARAMETER");
			}
			assertThat(client.requestOk("file_list", "session", bob.token()).get("files")).isEmpty();
		}
	}

	@Test
	void roomCommandsWorkAndAnswerWithTheLegacyKeys() {
		TestUser alice = this.server.newUser("alice");
		String room = ChatServer.uniqueName("room");
		try (TcpClient client = this.server.lineClient()) {
			JsonNode joined = client.requestOk("room_join", "session", alice.token(), "roomname", room);
			assertThat(joined.get("messages").asString()).isNotBlank();
			assertThat(joined.get("users")).extracting(JsonNode::asString).containsExactly(alice.name());

			JsonNode chat = client.requestOk("room_chat", "session", alice.token(), "message", "hello room");
			assertThat(chat.get("messages").asString()).isNotBlank();
			JsonNode own = client.nextEvent();
			assertThat(own.get("type").asString()).isEqualTo("broadcast");
			assertThat(own.get("display").asString()).isEqualTo(alice.name());
			assertThat(own.get("username").asString()).isEqualTo(alice.username());
			assertThat(own.get("messages").asString()).isEqualTo("hello room");
			assertThat(own.get("status").asString()).isEqualTo("OK");

			client.requestOk("room_send_file", "session", alice.token(), "filename", "notes.txt", "payload",
					"aGVsbG8=");
			JsonNode file = client.requestOk("room_get_file", "session", alice.token(), "filename", "notes.txt");
			assertThat(file.get("name").asString()).isEqualTo("notes.txt");
			assertThat(file.get("payload").asString()).isEqualTo("aGVsbG8=");
			assertThat(client.requestError("room_send_file", "session", alice.token(), "filename", "notes.txt",
					"payload", "aGVsbG8=")
				.get("code")
				.asString()).isEqualTo("FILE_EXISTS");

			assertThat(client.requestOk("room_leave", "session", alice.token()).get("messages").asString())
				.isNotBlank();
			assertThat(client.requestError("room_chat", "session", alice.token(), "message", "anyone?")
				.get("code")
				.asString()).isEqualTo("NOT_IN_ROOM");
			assertThat(client.requestError("room_leave", "session", alice.token()).get("code").asString())
				.isEqualTo("NOT_IN_ROOM");
			assertThat(client.requestError("room_get_file", "session", alice.token(), "filename", "notes.txt")
				.get("code")
				.asString()).isEqualTo("NOT_IN_ROOM");
		}
	}

	@Test
	void everyCommandButRegisterAndAuthNeedsAValidSession() {
		try (TcpClient client = this.server.lineClient()) {
			String[][] requests = { { "logout" }, { "send", "destination", "x", "message", "m" }, { "inbox" },
					{ "file_send", "username", "x", "filename", "f", "payload", "aGk=" }, { "file_list" },
					{ "file_get", "filename", "f" }, { "room_join", "roomname", "r" }, { "room_chat", "message", "m" },
					{ "room_send_file", "filename", "f", "payload", "aGk=" }, { "room_get_file", "filename", "f" },
					{ "room_leave" } };
			for (String[] request : requests) {
				String[] params = new String[request.length + 1];
				System.arraycopy(request, 1, params, 0, request.length - 1);
				params[request.length - 1] = "session";
				params[request.length] = "not-a-token";
				assertThat(client.requestError(request[0], params).get("code").asString()).as(request[0])
					.isEqualTo("INVALID_SESSION");
				JsonNode missing = client.request(request[0],
						java.util.Arrays.copyOfRange(params, 0, params.length - 2));
				assertThat(missing.get("code").asString()).as(request[0]).isEqualTo("MISSING_PARAMETER");
			}
		}
	}

}

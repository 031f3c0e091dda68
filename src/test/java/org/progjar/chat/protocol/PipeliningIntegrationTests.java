package org.progjar.chat.protocol;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that writes many requests before reading: {@code send} and {@code room_chat} are
 * stored while the next requests are read (more than {@code chat.tcp.pipeline-depth} of them
 * here), yet every answer comes in request order, and every other command sees what the
 * requests before it stored.
 */
@ChatServerTest
class PipeliningIntegrationTests {

	private static final int MESSAGES = 100;

	/** {@code chat.messages.inbox-batch}'s default. */
	private static final int INBOX_BATCH = 1000;

	@Autowired
	ChatServer server;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void pipelinedDirectMessagesAreAnsweredInRequestOrderAndDeliveredInIt() {
		TestUser sender = this.server.newUser("pipesend");
		TestUser recipient = this.server.newUser("piperecv");
		List<String> requests = sends(sender, recipient, "pipelined", MESSAGES);
		try (TcpClient client = this.server.lineClient()) {
			sendAtOnce(client, requests, false);
			long lastId = 0;
			for (int i = 0; i < MESSAGES; i++) {
				JsonNode answer = client.response();
				assertThat(answer.get("status").asString()).as("answer %d: %s", i, answer).isEqualTo("OK");
				assertThat(answer.get("user").asString()).isEqualTo(recipient.username());
				assertThat(answer.get("id").asLong()).as("answer %d", i).isGreaterThan(lastId);
				lastId = answer.get("id").asLong();
			}
		}
		try (TcpClient client = this.server.lineClient()) {
			JsonNode inbox = client.requestOk("inbox", "session", recipient.token()).get("messages").get(sender.username());
			assertThat(inbox).hasSize(MESSAGES);
			for (int i = 0; i < MESSAGES; i++) {
				assertThat(inbox.get(i).get("msg").asString()).isEqualTo("pipelined " + i);
			}
		}
	}

	@Test
	void aLargeInboxIsDeliveredOldestFirstAtMostABatchACallAndEachMessageOnce() {
		TestUser sender = this.server.newUser("pipebig");
		TestUser recipient = this.server.newUser("pipebigto");
		int count = INBOX_BATCH + 1;
		List<String> requests = sends(sender, recipient, "big", count);
		try (TcpClient client = this.server.lineClient()) {
			sendAtOnce(client, requests, false);
			for (int i = 0; i < count; i++) {
				assertThat(client.response().get("status").asString()).as("send %d", i).isEqualTo("OK");
			}
			JsonNode first = client.requestOk("inbox", "session", recipient.token()).get("messages").get(sender.username());
			assertThat(first).hasSize(INBOX_BATCH);
			assertThat(first.get(0).get("msg").asString()).isEqualTo("big 0");
			assertThat(first.get(INBOX_BATCH - 1).get("msg").asString()).isEqualTo("big " + (INBOX_BATCH - 1));
			JsonNode second = client.requestOk("inbox", "session", recipient.token()).get("messages").get(sender.username());
			assertThat(second).extracting((entry) -> entry.get("msg").asString()).containsExactly("big " + INBOX_BATCH);
			assertThat(client.requestOk("inbox", "session", recipient.token()).get("messages").isEmpty()).isTrue();
		}
		assertThat(this.jdbc.queryForObject("""
				select count(*) from undelivered_messages m join users u on u.id = m.recipient_id
				where u.username = ?""", Integer.class, recipient.username()))
			.as("left undelivered in the database")
			.isZero();
	}

	@Test
	void aRefusedRequestInAPipelineIsAnsweredInItsPlace() {
		TestUser sender = this.server.newUser("piperefuse");
		TestUser recipient = this.server.newUser("piperefto");
		List<String> requests = List.of(
				request("send", "session", sender.token(), "destination", recipient.username(), "message", "first"),
				request("send", "session", sender.token(), "destination", ChatServer.uniqueName("nobody"), "message",
						"lost"),
				request("send", "session", sender.token(), "destination", recipient.username()),
				request("send", "session", "not-a-session", "destination", recipient.username(), "message", "x"),
				"no_such_command",
				request("send", "session", sender.token(), "destination", recipient.username(), "message", "last"));
		try (TcpClient client = this.server.lineClient()) {
			sendAtOnce(client, requests, false);
			assertThat(client.response().get("status").asString()).isEqualTo("OK");
			assertThat(client.response().get("code").asString()).isEqualTo("UNKNOWN_USER");
			assertThat(client.response().get("code").asString()).isEqualTo("MISSING_PARAMETER");
			assertThat(client.response().get("code").asString()).isEqualTo("INVALID_SESSION");
			assertThat(client.response().get("code").asString()).isEqualTo("UNKNOWN_COMMAND");
			assertThat(client.response().get("status").asString()).isEqualTo("OK");
			JsonNode inbox = client.requestOk("inbox", "session", recipient.token()).get("messages").get(sender.username());
			assertThat(inbox).extracting((entry) -> entry.get("msg").asString()).containsExactly("first", "last");
		}
	}

	@Test
	void aCommandAfterPipelinedRoomMessagesSeesThemAndALeaveStopsTheNext() {
		TestUser member = this.server.newUser("piperoom");
		String room = ChatServer.uniqueName("piperoom");
		List<String> requests = new ArrayList<>();
		requests.add(request("room_join", "session", member.token(), "roomname", room));
		for (int i = 0; i < MESSAGES; i++) {
			requests.add(request("room_chat", "session", member.token(), "message", "line " + i));
		}
		requests.add(request("room_history", "session", member.token(), "roomname", room, "limit", "500"));
		requests.add(request("room_leave", "session", member.token()));
		requests.add(request("room_chat", "session", member.token(), "message", "after leaving"));
		try (TcpClient client = this.server.lineClient()) {
			sendAtOnce(client, requests, false);
			assertThat(client.response().get("status").asString()).isEqualTo("OK");
			long lastSeq = 0;
			for (int i = 0; i < MESSAGES; i++) {
				JsonNode posted = client.response();
				assertThat(posted.get("status").asString()).as("room_chat %d: %s", i, posted).isEqualTo("OK");
				assertThat(posted.get("seq").asLong()).isGreaterThan(lastSeq);
				lastSeq = posted.get("seq").asLong();
			}
			JsonNode history = client.response().get("messages");
			List<String> texts = new ArrayList<>();
			history.forEach((message) -> texts.add(message.get("messages").asString()));
			assertThat(texts).hasSize(MESSAGES + 1).endsWith("line " + (MESSAGES - 1));
			assertThat(client.response().get("status").asString()).isEqualTo("OK");
			assertThat(client.response().get("code").asString()).isEqualTo("NOT_IN_ROOM");
		}
	}

	@Test
	void aClientThatPipelinesAndHalfClosesGetsEveryAnswer() throws Exception {
		TestUser sender = this.server.newUser("pipehalf");
		TestUser recipient = this.server.newUser("pipehalfto");
		String requests = String.join("\n", sends(sender, recipient, "bye", MESSAGES)) + "\n";
		try (Socket socket = new Socket("127.0.0.1", this.server.linePort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
			socket.shutdownOutput();
			String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answers.lines()).hasSize(MESSAGES)
				.allSatisfy((line) -> assertThat(line).startsWith("{\"status\":\"OK\",\"message\":\"Message Sent\""));
		}
	}

	@Test
	void legacyBlockFramedClientsPipelineToo() {
		TestUser sender = this.server.newUser("pipeblock");
		TestUser recipient = this.server.newUser("pipeblockto");
		List<String> requests = new ArrayList<>(sends(sender, recipient, "block", 40));
		requests.add(request("inbox", "session", recipient.token()));
		try (TcpClient client = this.server.legacyClient()) {
			sendAtOnce(client, requests, true);
			for (int i = 0; i < 40; i++) {
				assertThat(client.response().get("status").asString()).as("send %d", i).isEqualTo("OK");
			}
			JsonNode inbox = client.response().get("messages").get(sender.username());
			assertThat(inbox).hasSize(40);
			assertThat(inbox.get(39).get("msg").asString()).isEqualTo("block 39");
		}
	}

	/** {@code count} sends from one user to another, their texts the prefix and a number from 0. */
	private static List<String> sends(TestUser from, TestUser to, String prefix, int count) {
		List<String> requests = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			requests.add(request("send", "session", from.token(), "destination", to.username(), "message",
					prefix + " " + i));
		}
		return requests;
	}

	private static String request(String command, String... keysAndValues) {
		return command + " " + TcpClient.form(keysAndValues);
	}

	/** All requests in one write, framed as the client frames them, before any answer is read. */
	private static void sendAtOnce(TcpClient client, List<String> requests, boolean blocks) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (String request : requests) {
			byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
			if (blocks) {
				all.writeBytes(TcpClient.blocks(bytes));
			}
			else {
				all.writeBytes(bytes);
				all.write('\n');
			}
		}
		client.sendRaw(all.toByteArray());
	}

}

package org.progjar.chat.room;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.HttpApi.Result;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.progjar.chat.testing.Problems.assertProblem;

/** The rooms over REST, against the real server, side by side with TCP members. */
@ChatServerTest
class RoomApiIntegrationTests {

	private static final String SYSTEM = "[System]";

	@Autowired
	ChatServer server;

	@Test
	void meSaysWhoAndWhere() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		JsonNode me = api.get("/api/me", alice.token()).json();
		assertThat(me.get("username").asString()).isEqualTo(alice.username());
		assertThat(me.get("name").asString()).isEqualTo(alice.name());
		assertThat(me.get("room").isNull()).isTrue();

		String room = ChatServer.uniqueName("where");
		join(api, alice, room);
		assertThat(api.get("/api/me", alice.token()).json().get("room").asString()).isEqualTo(room);
		assertThat(api.get("/api/me", null).status()).isEqualTo(401);
	}

	@Test
	void joiningListingAndLeaving() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("lobby");

		Result joined = join(api, alice, room);
		assertThat(joined.json().get("room").asString()).isEqualTo(room);
		assertThat(joined.json().get("users")).extracting(JsonNode::asString).containsExactly(alice.name());
		assertThat(join(api, bob, room).json().get("users")).extracting(JsonNode::asString)
			.containsExactly(alice.name(), bob.name());

		JsonNode members = api.get("/api/rooms/" + room + "/members", alice.token()).json();
		assertThat(members.get("room").asString()).isEqualTo(room);
		assertThat(members.get("users")).extracting(JsonNode::asString).containsExactly(alice.name(), bob.name());
		assertThat(listed(api, alice, room).get("members").asLong()).isEqualTo(2);

		assertThat(api.delete("/api/rooms/" + room + "/members/me", bob.token()).status()).isEqualTo(204);
		assertThat(listed(api, alice, room).get("members").asLong()).isEqualTo(1);
		assertProblem(api.delete("/api/rooms/" + room + "/members/me", bob.token()), 403, "NOT_A_MEMBER");
		assertProblem(api.delete("/api/rooms/" + ChatServer.uniqueName("nowhere") + "/members/me", bob.token()), 404,
				"UNKNOWN_ROOM");
		assertProblem(api.get("/api/rooms/" + ChatServer.uniqueName("nowhere") + "/members", bob.token()), 404,
				"UNKNOWN_ROOM");
		assertThat(api.get("/api/rooms", null).status()).isEqualTo(401);
		assertThat(api.putEmpty("/api/rooms/" + room + "/members/me", null).status()).isEqualTo(401);
	}

	@Test
	void historyPagesWithNextAndRefusesBadNumbers() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		String room = ChatServer.uniqueName("pages");
		join(api, alice, room);
		for (int i = 1; i <= 4; i++) {
			api.post("/api/rooms/" + room + "/messages", alice.token(), Map.of("message", "line " + i));
		}
		// seq 1 is the join notice, 2..5 the lines.
		JsonNode first = api.get("/api/rooms/" + room + "/messages?limit=3", alice.token()).json();
		assertThat(first.get("messages")).extracting((m) -> m.get("seq").asLong()).containsExactly(1L, 2L, 3L);
		assertThat(first.get("next").asLong()).isEqualTo(3);
		JsonNode second = api.get("/api/rooms/" + room + "/messages?limit=3&after=3", alice.token()).json();
		assertThat(second.get("messages")).extracting((m) -> m.get("message").asString())
			.containsExactly("line 3", "line 4");
		assertThat(second.has("next")).isFalse();
		for (String bad : new String[] { "limit=0", "limit=x", "after=-1", "after=1.5" }) {
			assertProblem(api.get("/api/rooms/" + room + "/messages?" + bad, alice.token()), 400, "INVALID_PARAMETER");
		}
	}

	@Test
	void joiningOverHttpUntiesAMembershipFromItsTcpConnection() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("untie");
		join(api, bob, room);
		TcpClient tcp = this.server.lineClient();
		tcp.requestOk("room_join", "session", alice.token(), "roomname", room);
		join(api, alice, room);
		api.post("/api/rooms/" + room + "/messages", bob.token(), Map.of("message", "after the http join"));
		// The connection no longer carries the room: a broadcast would have come before this response.
		tcp.requestOk("inbox", "session", alice.token());
		assertThat(tcp.pendingEvents()).isZero();

		tcp.close();
		// Closing it does not take Alice out: the HTTP join decides how long she stays. (Without
		// the fix the server removed her within milliseconds of noticing the close.)
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(api.get("/api/rooms/" + room + "/members", bob.token()).json().get("users"))
				.extracting(JsonNode::asString)
				.containsExactly(bob.name(), alice.name()));
	}

	@Test
	void postingAndReadingTheHistory() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("history");
		join(api, alice, room);

		Result posted = api.post("/api/rooms/" + room + "/messages", alice.token(), Map.of("message", "first"));
		assertThat(posted.status()).isEqualTo(201);
		JsonNode first = posted.json();
		assertThat(first.get("room").asString()).isEqualTo(room);
		assertThat(first.get("username").asString()).isEqualTo(alice.username());
		assertThat(first.get("name").asString()).isEqualTo(alice.name());
		assertThat(first.get("message").asString()).isEqualTo("first");
		assertThat(first.get("sentAt").asString()).isNotEmpty();
		long seq = first.get("seq").asLong();
		JsonNode second = api.post("/api/rooms/" + room + "/messages", alice.token(), Map.of("message", "second")).json();
		assertThat(second.get("seq").asLong()).isEqualTo(seq + 1);

		JsonNode all = api.get("/api/rooms/" + room + "/messages", alice.token()).json().get("messages");
		assertThat(all).extracting((message) -> message.get("message").asString())
			.containsExactly(alice.name() + " joined the room", "first", "second");
		assertThat(all.get(0).get("username").asString()).isEqualTo(SYSTEM);
		JsonNode page = api.get("/api/rooms/" + room + "/messages?after=" + seq + "&limit=1", alice.token())
			.json()
			.get("messages");
		assertThat(page).hasSize(1);
		assertThat(page.get(0).get("seq").asLong()).isEqualTo(seq + 1);
		assertThat(page.get(0).get("message").asString()).isEqualTo("second");

		assertProblem(api.get("/api/rooms/" + room + "/messages", bob.token()), 403, "NOT_A_MEMBER");
		assertProblem(api.post("/api/rooms/" + room + "/messages", bob.token(), Map.of("message", "let me in")), 403,
				"NOT_A_MEMBER");
		assertProblem(api.post("/api/rooms/" + ChatServer.uniqueName("nowhere") + "/messages", bob.token(),
				Map.of("message", "anyone?")), 404, "UNKNOWN_ROOM");
		assertProblem(api.post("/api/rooms/" + room + "/messages", alice.token(), Map.of()), 400, "MISSING_PARAMETER");
		assertProblem(api.post("/api/rooms/" + room + "/messages", alice.token(), Map.of("message", "  ")), 400,
				"INVALID_PARAMETER");
		assertThat(api.get("/api/rooms/" + room + "/messages", null).status()).isEqualTo(401);
	}

	@Test
	void aTcpMemberReceivesARestPostAsItsUsualBroadcast() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("bridge");
		try (TcpClient bobClient = this.server.legacyClient()) {
			bobClient.requestOk("room_join", "session", bob.token(), "roomname", room);
			join(api, alice, room);
			JsonNode notice = bobClient.nextEvent();
			assertThat(notice.get("messages").asString()).isEqualTo(alice.name() + " joined the room");

			JsonNode posted = api.post("/api/rooms/" + room + "/messages", alice.token(), Map.of("message", "from REST"))
				.json();
			JsonNode event = bobClient.nextEvent();
			// The keys and order the original client reads, as for a line sent over TCP.
			assertThat(event.propertyNames()).containsExactly("status", "type", "display", "messages", "username",
					"room", "seq");
			assertThat(event.get("status").asString()).isEqualTo("OK");
			assertThat(event.get("type").asString()).isEqualTo("broadcast");
			assertThat(event.get("display").asString()).isEqualTo(alice.name());
			assertThat(event.get("messages").asString()).isEqualTo("from REST");
			assertThat(event.get("username").asString()).isEqualTo(alice.username());
			assertThat(event.get("room").asString()).isEqualTo(room);
			assertThat(event.get("seq").asLong()).isEqualTo(posted.get("seq").asLong());

			assertThat(api.delete("/api/rooms/" + room + "/members/me", alice.token()).status()).isEqualTo(204);
			assertThat(bobClient.nextEvent().get("messages").asString()).isEqualTo(alice.name() + " left the room");
		}
	}

	@Test
	void roomFilesForMembersOnly() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("files");
		join(api, alice, room);
		String path = "/api/rooms/" + room + "/files/";
		byte[] content = "hello, room ☕".getBytes(StandardCharsets.UTF_8);

		Result shared = api.put(path + "notes.txt", alice.token(), content, "application/octet-stream");
		assertThat(shared.status()).isEqualTo(201);
		assertThat(shared.header("Location")).endsWith(path + "notes.txt");
		assertThat(shared.json().get("size").asLong()).isEqualTo(content.length);
		assertProblem(api.put(path + "notes.txt", alice.token(), new byte[] { 1 }, "application/octet-stream"), 409,
				"FILE_EXISTS");

		JsonNode files = api.get("/api/rooms/" + room + "/files", alice.token()).json().get("files");
		assertThat(files).hasSize(1);
		assertThat(files.get(0).get("name").asString()).isEqualTo("notes.txt");
		assertThat(files.get(0).get("size").asLong()).isEqualTo(content.length);
		assertThat(files.get(0).get("from").asString()).isEqualTo(alice.username());
		assertThat(files.get(0).get("sentAt").asString()).isNotEmpty();

		Result fetched = api.get(path + "notes.txt", alice.token());
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.bytes()).isEqualTo(content);
		assertThat(fetched.header("Content-Type")).startsWith("text/plain");
		assertThat(fetched.header("Content-Disposition")).startsWith("attachment").contains("notes.txt");

		assertProblem(api.get("/api/rooms/" + room + "/files", bob.token()), 403, "NOT_A_MEMBER");
		assertProblem(api.get(path + "notes.txt", bob.token()), 403, "NOT_A_MEMBER");
		assertProblem(api.put(path + "other.txt", bob.token(), content, "application/octet-stream"), 403,
				"NOT_A_MEMBER");
		assertProblem(api.get(path + "missing.txt", alice.token()), 404, "FILE_NOT_FOUND");
		assertProblem(api.get("/api/rooms/" + ChatServer.uniqueName("nowhere") + "/files", alice.token()), 404,
				"UNKNOWN_ROOM");
		assertThat(api.get(path + "notes.txt", null).status()).isEqualTo(401);
	}

	@Test
	void aRoomFileOverTheLimitIsRefused() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		String room = ChatServer.uniqueName("big");
		join(api, alice, room);
		byte[] tooBig = new byte[10 * 1024 * 1024 + 1];
		assertProblem(api.put("/api/rooms/" + room + "/files/big.bin", alice.token(), tooBig, "application/octet-stream"),
				413, "FILE_TOO_LARGE");
	}

	private static Result join(HttpApi api, TestUser user, String room) {
		Result joined = api.putEmpty("/api/rooms/" + room + "/members/me", user.token());
		assertThat(joined.status()).isEqualTo(200);
		return joined;
	}

	private static JsonNode listed(HttpApi api, TestUser user, String room) {
		JsonNode rooms = api.get("/api/rooms", user.token()).json().get("rooms");
		for (JsonNode listed : rooms) {
			if (listed.get("name").asString().equals(room)) {
				return listed;
			}
		}
		throw new AssertionError("Room " + room + " is not listed in " + rooms);
	}
}

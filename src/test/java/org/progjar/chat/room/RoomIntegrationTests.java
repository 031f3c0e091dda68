package org.progjar.chat.room;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Rooms with several members over real sockets, both framings mixed. */
@ChatServerTest
class RoomIntegrationTests {

	private static final String SYSTEM = "[System]";

	@Autowired
	ChatServer server;

	@Test
	void everyMemberSeesEveryMessageOnceInTheSameOrder() throws Exception {
		int members = 6;
		int perMember = 25;
		String room = ChatServer.uniqueName("order");
		List<TestUser> users = new ArrayList<>();
		List<TcpClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < members; i++) {
				TestUser user = this.server.newUser("member");
				// Half line clients, half legacy block-framing clients, in one room.
				TcpClient client = (i % 2 == 0) ? this.server.lineClient() : this.server.legacyClient();
				client.requestOk("room_join", "session", user.token(), "roomname", room);
				users.add(user);
				clients.add(client);
			}
			List<Callable<List<String>>> work = new ArrayList<>();
			for (int i = 0; i < members; i++) {
				TestUser user = users.get(i);
				TcpClient client = clients.get(i);
				work.add(() -> {
					for (int n = 0; n < perMember; n++) {
						client.requestOk("room_chat", "session", user.token(), "message", user.username() + " #" + n);
					}
					return chatLines(client, members * perMember);
				});
			}
			List<List<String>> seen = new ArrayList<>();
			try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
				for (Future<List<String>> result : pool.invokeAll(work, 60, TimeUnit.SECONDS)) {
					seen.add(result.get());
				}
			}
			List<String> first = seen.get(0);
			assertThat(first).hasSize(members * perMember).doesNotHaveDuplicates();
			Set<String> expected = new HashSet<>();
			users.forEach((user) -> {
				for (int n = 0; n < perMember; n++) {
					expected.add(user.username() + " #" + n);
				}
			});
			assertThat(first.stream().map((line) -> line.substring(line.indexOf(' ') + 1))).containsExactlyInAnyOrderElementsOf(expected);
			for (List<String> other : seen) {
				assertThat(other).isEqualTo(first);
			}
		}
		finally {
			clients.forEach(TcpClient::close);
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void manyFirstJoinsOfOneRoomAllGetInWithoutAnyWarning(CapturedOutput output) throws Exception {
		int joiners = 12;
		String room = ChatServer.uniqueName("first");
		List<TestUser> users = new ArrayList<>();
		for (int i = 0; i < joiners; i++) {
			users.add(this.server.newUser("first"));
		}
		List<TcpClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < joiners; i++) {
				clients.add(this.server.lineClient());
			}
			CountDownLatch start = new CountDownLatch(1);
			List<Callable<String>> joins = new ArrayList<>();
			for (int i = 0; i < joiners; i++) {
				TestUser user = users.get(i);
				TcpClient client = clients.get(i);
				joins.add(() -> {
					start.await();
					return client.request("room_join", "session", user.token(), "roomname", room).get("status").asString();
				});
			}
			List<String> statuses = new ArrayList<>();
			try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
				List<Future<String>> answers = joins.stream().map(pool::submit).toList();
				start.countDown();
				for (Future<String> answer : answers) {
					statuses.add(answer.get(30, TimeUnit.SECONDS));
				}
			}
			assertThat(statuses).containsOnly("OK").hasSize(joiners);
			JsonNode members = clients.get(0)
				.requestOk("room_members", "session", users.get(0).token(), "roomname", room)
				.get("users");
			assertThat(members).hasSize(joiners);
			assertThat(output.getAll()).doesNotContain("ROOMS_NAME_UK");
		}
		finally {
			clients.forEach(TcpClient::close);
		}
	}

	@Test
	void joinersAreAnnouncedToThoseAlreadyThereAndSeeTheMemberList() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("lobby");
		try (TcpClient aliceClient = this.server.lineClient(); TcpClient bobClient = this.server.legacyClient()) {
			aliceClient.requestOk("room_join", "session", alice.token(), "roomname", room);
			JsonNode joined = bobClient.requestOk("room_join", "session", bob.token(), "roomname", room);
			assertThat(joined.get("users")).extracting(JsonNode::asString).containsExactly(alice.name(), bob.name());

			JsonNode notice = aliceClient.nextEvent();
			assertThat(notice.get("type").asString()).isEqualTo("broadcast");
			assertThat(notice.get("username").asString()).isEqualTo(SYSTEM);
			assertThat(notice.get("display").asString()).isEqualTo(SYSTEM);
			assertThat(notice.get("messages").asString()).contains(bob.name());

			// The joiner is not told of its own join: its next event is the next chat line.
			aliceClient.requestOk("room_chat", "session", alice.token(), "message", "welcome");
			JsonNode first = bobClient.nextEvent();
			assertThat(first.get("username").asString()).isEqualTo(alice.username());
			assertThat(first.get("messages").asString()).isEqualTo("welcome");
		}
	}

	@Test
	void aDroppedConnectionLeavesTheRoomAndTheOthersAreTold() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		TestUser carol = this.server.newUser("carol");
		String room = ChatServer.uniqueName("drop");
		try (TcpClient aliceClient = this.server.lineClient()) {
			aliceClient.requestOk("room_join", "session", alice.token(), "roomname", room);
			TcpClient bobClient = this.server.lineClient();
			bobClient.requestOk("room_join", "session", bob.token(), "roomname", room);
			assertThat(aliceClient.nextEvent().get("messages").asString()).contains("joined");

			bobClient.close();

			JsonNode left = aliceClient.nextEvent();
			assertThat(left.get("username").asString()).isEqualTo(SYSTEM);
			assertThat(left.get("messages").asString()).contains(bob.name()).contains("left");
			try (TcpClient carolClient = this.server.lineClient()) {
				JsonNode joined = carolClient.requestOk("room_join", "session", carol.token(), "roomname", room);
				assertThat(joined.get("users")).extracting(JsonNode::asString)
					.containsExactly(alice.name(), carol.name());
			}
			// Bob's session outlives the connection, but not the membership.
			try (TcpClient bobAgain = this.server.lineClient()) {
				assertThat(bobAgain.requestError("room_chat", "session", bob.token(), "message", "ghost?")
					.get("code")
					.asString()).isEqualTo("NOT_IN_ROOM");
			}
		}
	}

	@Test
	void joiningAnotherRoomLeavesTheFirst() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String first = ChatServer.uniqueName("first");
		String second = ChatServer.uniqueName("second");
		try (TcpClient aliceClient = this.server.lineClient(); TcpClient bobClient = this.server.lineClient()) {
			aliceClient.requestOk("room_join", "session", alice.token(), "roomname", first);
			bobClient.requestOk("room_join", "session", bob.token(), "roomname", first);
			aliceClient.nextEvent();

			JsonNode moved = aliceClient.requestOk("room_join", "session", alice.token(), "roomname", second);
			assertThat(moved.get("users")).extracting(JsonNode::asString).containsExactly(alice.name());
			assertThat(bobClient.nextEvent().get("messages").asString()).contains(alice.name()).contains("left");

			bobClient.requestOk("room_chat", "session", bob.token(), "message", "still in the first room");
			assertThat(bobClient.nextEvent().get("messages").asString()).isEqualTo("still in the first room");
			aliceClient.requestOk("room_chat", "session", alice.token(), "message", "in the second room");
			JsonNode next = aliceClient.nextEvent();
			assertThat(next.get("messages").asString()).isEqualTo("in the second room");
			assertThat(next.get("room").asString()).isEqualTo(second);
		}
	}

	@Test
	void leavingTellsTheOthersAndStopsTheBroadcasts() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("leave");
		try (TcpClient aliceClient = this.server.lineClient(); TcpClient bobClient = this.server.legacyClient()) {
			aliceClient.requestOk("room_join", "session", alice.token(), "roomname", room);
			bobClient.requestOk("room_join", "session", bob.token(), "roomname", room);
			aliceClient.nextEvent();

			bobClient.requestOk("room_leave", "session", bob.token());
			assertThat(aliceClient.nextEvent().get("messages").asString()).contains(bob.name()).contains("left");

			aliceClient.requestOk("room_chat", "session", alice.token(), "message", "bob is gone");
			bobClient.requestOk("room_join", "session", bob.token(), "roomname", room);
			aliceClient.requestOk("room_chat", "session", alice.token(), "message", "bob is back");
			// Bob missed the first line: his next event is the one sent after he came back.
			assertThat(bobClient.nextEvent().get("messages").asString()).isEqualTo("bob is back");
		}
	}

	@Test
	void aLoggedOutSessionLeavesItsRoom() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("logout");
		try (TcpClient aliceClient = this.server.lineClient(); TcpClient bobClient = this.server.lineClient()) {
			aliceClient.requestOk("room_join", "session", alice.token(), "roomname", room);
			bobClient.requestOk("room_join", "session", bob.token(), "roomname", room);
			aliceClient.nextEvent();

			bobClient.requestOk("logout", "session", bob.token());
			assertThat(aliceClient.nextEvent().get("messages").asString()).contains(bob.name()).contains("left");
		}
	}

	@Test
	void joiningAgainThroughAnotherConnectionMovesTheBroadcastsThere() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("move");
		try (TcpClient first = this.server.lineClient(); TcpClient second = this.server.lineClient();
				TcpClient bobClient = this.server.lineClient()) {
			first.requestOk("room_join", "session", alice.token(), "roomname", room);
			bobClient.requestOk("room_join", "session", bob.token(), "roomname", room);
			first.nextEvent();

			JsonNode again = second.requestOk("room_join", "session", alice.token(), "roomname", room);
			// One user, one name, however many sessions or joins.
			assertThat(again.get("users")).extracting(JsonNode::asString).containsExactly(alice.name(), bob.name());
			bobClient.requestOk("room_chat", "session", bob.token(), "message", "where are you?");
			assertThat(second.nextEvent().get("messages").asString()).isEqualTo("where are you?");
			// A broadcast queued for the first connection would have arrived before this response.
			first.requestOk("inbox", "session", alice.token());
			assertThat(first.pendingEvents()).isZero();
		}
	}

	/** Reads chat broadcasts (not system notices) until {@code count}, as "seq text". */
	private static List<String> chatLines(TcpClient client, int count) {
		List<String> lines = new ArrayList<>();
		long lastSeq = 0;
		while (lines.size() < count) {
			JsonNode event = client.nextEvent();
			long seq = event.get("seq").asLong();
			assertThat(seq).isGreaterThan(lastSeq);
			lastSeq = seq;
			if (!SYSTEM.equals(event.get("username").asString())) {
				lines.add(seq + " " + event.get("messages").asString());
			}
		}
		return lines;
	}

}

package org.progjar.chat.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.stream.EventStreamClient.Event;
import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/events over real HTTP, fed from both front doors. */
@ChatServerTest
class EventStreamIntegrationTests {

	private static final String SYSTEM = "[System]";

	@Autowired
	ChatServer server;

	@Test
	void aFreshStreamFirstTellsItsRoomAndACursor() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		try (EventStreamClient outside = EventStreamClient.open(api, alice.token())) {
			Event first = outside.next("room");
			assertThat(first.json().get("room").isNull()).isTrue();
			assertThat(first.id()).matches("\\d+");
		}
		String room = ChatServer.uniqueName("hello");
		join(api, alice, room);
		try (EventStreamClient inside = EventStreamClient.open(api, alice.token())) {
			Event first = inside.next("room");
			assertThat(first.json().get("room").asString()).isEqualTo(room);
			assertThat(first.id()).matches("\\d+-\\d+\\.\\d+");
		}
	}

	@Test
	void aRestMemberGetsTheRoomOverSseExactlyAsATcpMemberDoes() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("mixed");
		join(api, alice, room);
		try (EventStreamClient stream = EventStreamClient.open(api, alice.token()); TcpClient bobClient = this.server.lineClient()) {
			stream.next("room");
			bobClient.requestOk("room_join", "session", bob.token(), "roomname", room);
			JsonNode joined = stream.next("broadcast").json();
			assertThat(joined.get("username").asString()).isEqualTo(SYSTEM);
			assertThat(joined.get("messages").asString()).contains(bob.name()).contains("joined");

			bobClient.requestOk("room_chat", "session", bob.token(), "message", "hello from TCP ☕ ü");
			JsonNode overTcp = bobClient.nextEvent();
			JsonNode overSse = stream.next("broadcast").json();
			assertThat(overSse).isEqualTo(overTcp);
			assertThat(overSse.get("messages").asString()).isEqualTo("hello from TCP ☕ ü");
			assertThat(overSse.get("display").asString()).isEqualTo(bob.name());

			bobClient.requestOk("room_leave", "session", bob.token());
			JsonNode left = stream.next("broadcast").json();
			assertThat(left.get("username").asString()).isEqualTo(SYSTEM);
			assertThat(left.get("messages").asString()).contains(bob.name()).contains("left");
		}
	}

	@Test
	void directMessagesReachEveryStreamOfTheRecipientOnly() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		try (EventStreamClient aliceStream = EventStreamClient.open(api, alice.token());
				EventStreamClient bobStream = EventStreamClient.open(api, bob.token());
				TcpClient bobClient = this.server.lineClient()) {
			aliceStream.next("room");
			bobStream.next("room");
			assertThat(api.post("/api/messages", bob.token(), Map.of("to", alice.username(), "message", "over REST"))
				.status()).isEqualTo(201);
			JsonNode rest = aliceStream.next("message").json();
			assertThat(rest.get("from").asString()).isEqualTo(bob.username());
			assertThat(rest.get("fromName").asString()).isEqualTo(bob.name());
			assertThat(rest.get("to").asString()).isEqualTo(alice.username());
			assertThat(rest.get("message").asString()).isEqualTo("over REST");

			long id = bobClient.requestOk("send", "session", bob.token(), "destination", alice.username(), "message",
					"over TCP").get("id").asLong();
			JsonNode tcp = aliceStream.next("message").json();
			assertThat(tcp.get("id").asLong()).isEqualTo(id).isGreaterThan(rest.get("id").asLong());
			assertThat(tcp.get("message").asString()).isEqualTo("over TCP");

			// The sender's own stream hears nothing of it: its next event is the one sent to it.
			bobClient.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "reply");
			assertThat(bobStream.next("message").json().get("message").asString()).isEqualTo("reply");
		}
	}

	@Test
	void twoStreamsOfOneSessionEachGetEverything() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("twice");
		join(api, alice, room);
		join(api, bob, room);
		try (EventStreamClient first = EventStreamClient.open(api, alice.token());
				EventStreamClient second = EventStreamClient.open(api, alice.token())) {
			first.next("room");
			second.next("room");
			post(api, bob, room, "to both");
			api.post("/api/messages", bob.token(), Map.of("to", alice.username(), "message", "privately to both"));
			for (EventStreamClient stream : List.of(first, second)) {
				assertThat(stream.next("broadcast").json().get("messages").asString()).isEqualTo("to both");
				assertThat(stream.next("message").json().get("message").asString()).isEqualTo("privately to both");
			}
		}
		// Closing one does not close the other.
		try (EventStreamClient first = EventStreamClient.open(api, alice.token());
				EventStreamClient second = EventStreamClient.open(api, alice.token())) {
			first.next("room");
			second.next("room");
			first.close();
			post(api, bob, room, "to the one left");
			assertThat(second.next("broadcast").json().get("messages").asString()).isEqualTo("to the one left");
		}
	}

	@Test
	void theStreamFollowsItsSessionFromRoomToRoom() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String first = ChatServer.uniqueName("first");
		String second = ChatServer.uniqueName("second");
		join(api, bob, first);
		try (EventStreamClient stream = EventStreamClient.open(api, alice.token())) {
			assertThat(stream.next("room").json().get("room").isNull()).isTrue();

			join(api, alice, first);
			assertThat(stream.next("room").json().get("room").asString()).isEqualTo(first);
			post(api, bob, first, "in the first room");
			assertThat(stream.next("broadcast").json().get("messages").asString()).isEqualTo("in the first room");

			// Moving is leaving, then joining: the stream says both.
			join(api, alice, second);
			assertThat(stream.next("room").json().get("room").isNull()).isTrue();
			assertThat(stream.next("room").json().get("room").asString()).isEqualTo(second);
			post(api, bob, first, "alice is gone");
			post(api, alice, second, "alone here");
			// Nothing from the first room came in between.
			assertThat(stream.next("broadcast").json().get("messages").asString()).isEqualTo("alone here");

			assertThat(api.delete("/api/rooms/" + second + "/members/me", alice.token()).status()).isEqualTo(204);
			assertThat(stream.next("room").json().get("room").isNull()).isTrue();
		}
	}

	@Test
	void aSessionJoinedOverTcpGetsItsRoomOnItsStreamToo() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("tcpjoin");
		join(api, bob, room);
		try (EventStreamClient stream = EventStreamClient.open(api, alice.token());
				TcpClient aliceClient = this.server.lineClient()) {
			stream.next("room");
			aliceClient.requestOk("room_join", "session", alice.token(), "roomname", room);
			assertThat(stream.next("room").json().get("room").asString()).isEqualTo(room);
			post(api, bob, room, "to a TCP member");
			assertThat(aliceClient.nextEvent()).isEqualTo(stream.next("broadcast").json());

			// The membership ends with the connection, and the stream hears it.
			aliceClient.close();
			assertThat(stream.next("room").json().get("room").isNull()).isTrue();
		}
	}

	@Test
	void aStreamGetsNeitherOtherRoomsNorOtherUsersMessages() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		TestUser carol = this.server.newUser("carol");
		String room = ChatServer.uniqueName("private");
		join(api, alice, room);
		join(api, bob, room);
		try (EventStreamClient carolStream = EventStreamClient.open(api, carol.token())) {
			carolStream.next("room");
			post(api, alice, room, "not for carol");
			api.post("/api/messages", alice.token(), Map.of("to", bob.username(), "message", "not for carol either"));
			api.post("/api/messages", alice.token(), Map.of("to", carol.username(), "message", "for carol"));
			// Published in this order, so anything she should not have had would come first.
			assertThat(carolStream.next("message").json().get("message").asString()).isEqualTo("for carol");
		}
	}

	@Test
	void aReconnectionWithLastEventIdGetsExactlyWhatItMissed() throws Exception {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("resume");
		join(api, alice, room);
		join(api, bob, room);
		String lastId;
		try (EventStreamClient stream = EventStreamClient.open(api, alice.token())) {
			stream.next("room");
			post(api, bob, room, "seen 1");
			dm(api, bob, alice, "seen 2");
			assertThat(stream.next("broadcast").json().get("messages").asString()).isEqualTo("seen 1");
			lastId = stream.next("message").id();
		}
		post(api, bob, room, "missed 1");
		dm(api, bob, alice, "missed 2");
		post(api, bob, room, "missed 3");
		dm(api, bob, alice, "missed 4");

		List<String> ids = new ArrayList<>(List.of(lastId));
		try (EventStreamClient stream = EventStreamClient.open(api, alice.token(), lastId)) {
			for (String expected : List.of("missed 1", "missed 2", "missed 3", "missed 4")) {
				Event event = stream.next();
				assertThat(text(event)).isEqualTo(expected);
				ids.add(event.id());
			}
			// Live again, and nothing seen before came back in between.
			post(api, bob, room, "live");
			Event live = stream.next("broadcast");
			assertThat(text(live)).isEqualTo("live");
			ids.add(live.id());
			assertThat(ids).doesNotHaveDuplicates();
		}
		// Resuming from the newest id replays nothing.
		try (EventStreamClient stream = EventStreamClient.open(api, alice.token(), ids.getLast())) {
			dm(api, bob, alice, "after everything");
			assertThat(text(stream.next())).isEqualTo("after everything");
		}
	}

	@Test
	void aReconnectionAfterTheSessionMovedStartsTheNewRoomFromNow() {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String first = ChatServer.uniqueName("before");
		String second = ChatServer.uniqueName("after");
		join(api, alice, first);
		join(api, bob, second);
		String lastId;
		try (EventStreamClient stream = EventStreamClient.open(api, alice.token())) {
			lastId = stream.next("room").id();
		}
		post(api, bob, second, "before alice came");
		join(api, alice, second);
		try (EventStreamClient stream = EventStreamClient.open(api, alice.token(), lastId)) {
			assertThat(stream.next("room").json().get("room").asString()).isEqualTo(second);
			post(api, bob, second, "after alice came");
			assertThat(text(stream.next("broadcast"))).isEqualTo("after alice came");
		}
	}

	@Test
	void aLongAbsenceIsReplayedInPagesWithoutGaps() throws Exception {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String lastId;
		try (EventStreamClient stream = EventStreamClient.open(api, alice.token())) {
			lastId = stream.next("room").id();
		}
		int missed = 1001;
		try (TcpClient bobClient = this.server.lineClient()) {
			for (int n = 1; n <= missed; n++) {
				bobClient.requestOk("send", "session", bob.token(), "destination", alice.username(), "message", "#" + n);
			}
		}
		List<String> received = new ArrayList<>();
		try (EventStreamClient page = EventStreamClient.open(api, alice.token(), lastId)) {
			while (received.size() < 1000) {
				Event event = page.next("message");
				received.add(text(event));
				lastId = event.id();
			}
			// The first page ends at the replay limit; the reconnection carries on.
			assertThat(page.endsWithin()).isTrue();
		}
		try (EventStreamClient rest = EventStreamClient.open(api, alice.token(), lastId)) {
			received.add(text(rest.next("message")));
		}
		List<String> expected = new ArrayList<>();
		for (int n = 1; n <= missed; n++) {
			expected.add("#" + n);
		}
		assertThat(received).isEqualTo(expected);
	}

	@Test
	void loggingOutEndsTheSessionsStreams() throws Exception {
		HttpApi api = this.server.http();
		TestUser alice = this.server.newUser("alice");
		try (EventStreamClient stream = EventStreamClient.open(api, alice.token())) {
			stream.next("room");
			assertThat(api.delete("/api/sessions/current", alice.token()).status()).isEqualTo(204);
			assertThat(stream.endsWithin()).isTrue();
		}
	}

	@Test
	void refusals() {
		HttpApi api = this.server.http();
		assertThat(api.get("/api/events", null).status()).isEqualTo(401);
		HttpApi.Result sseClient = api.send(api.request("/api/events", null).header("Accept", "text/event-stream").GET());
		assertThat(sseClient.status()).isEqualTo(401);
		assertThat(sseClient.json().get("code").asString()).isEqualTo("INVALID_SESSION");
		TestUser alice = this.server.newUser("alice");
		HttpApi.Result forged = api.send(api.request("/api/events", alice.token())
			.header("Accept", "text/event-stream")
			.header("Last-Event-ID", "not-a-cursor")
			.GET());
		assertThat(forged.status()).isEqualTo(400);
		assertThat(forged.json().get("code").asString()).isEqualTo("INVALID_PARAMETER");
	}

	private static String text(Event event) {
		JsonNode data = event.json();
		return data.has("message") && !data.has("type") ? data.get("message").asString() : data.get("messages").asString();
	}

	private static void join(HttpApi api, TestUser user, String room) {
		assertThat(api.putEmpty("/api/rooms/" + room + "/members/me", user.token()).status()).isEqualTo(200);
	}

	private static void post(HttpApi api, TestUser user, String room, String message) {
		assertThat(api.post("/api/rooms/" + room + "/messages", user.token(), Map.of("message", message)).status())
			.isEqualTo(201);
	}

	private static void dm(HttpApi api, TestUser from, TestUser to, String message) {
		assertThat(api.post("/api/messages", from.token(), Map.of("to", to.username(), "message", message)).status())
			.isEqualTo(201);
	}

}

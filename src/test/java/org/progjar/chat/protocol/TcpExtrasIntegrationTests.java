package org.progjar.chat.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands added to the protocol (history, room_history, room_list, room_members) over real sockets. */
@ChatServerTest
class TcpExtrasIntegrationTests {

	@Autowired
	ChatServer server;

	@Test
	void historyPagesThroughAConversationNewestFirstWithoutDeliveringIt() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		try (TcpClient a = this.server.lineClient(); TcpClient b = this.server.legacyClient()) {
			List<String> sent = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				a.requestOk("send", "session", alice.token(), "destination", bob.username(), "message", "a" + i);
				sent.add("a" + i);
				if (i % 2 == 0) {
					b.requestOk("send", "session", bob.token(), "destination", alice.username(), "message", "b" + i);
					sent.add("b" + i);
				}
			}
			List<String> newestFirst = sent.reversed();

			JsonNode first = a.requestOk("history", "session", alice.token(), "with", bob.username(), "limit", "3");
			assertThat(texts(first)).isEqualTo(newestFirst.subList(0, 3));
			// b4 is the newest; a4, just before it, went from Alice to Bob.
			JsonNode fromAlice = first.get("messages").get(1);
			assertThat(fromAlice.get("from").asString()).isEqualTo(alice.username());
			assertThat(fromAlice.get("fromName").asString()).isEqualTo(alice.name());
			assertThat(fromAlice.get("to").asString()).isEqualTo(bob.username());
			assertThat(fromAlice.get("toName").asString()).isEqualTo(bob.name());
			assertThat(fromAlice.get("message").asString()).isEqualTo("a4");
			assertThat(Instant.parse(fromAlice.get("sentAt").asString())).isBeforeOrEqualTo(Instant.now());
			long next = first.get("next").asLong();
			assertThat(next).isEqualTo(first.get("messages").get(2).get("id").asLong());

			JsonNode second = a.requestOk("history", "session", alice.token(), "with", bob.username(), "limit", "3",
					"before", String.valueOf(next));
			assertThat(texts(second)).isEqualTo(newestFirst.subList(3, 6));
			JsonNode last = a.requestOk("history", "session", alice.token(), "with", bob.username(), "limit", "3",
					"before", second.get("next").asString());
			assertThat(texts(last)).isEqualTo(newestFirst.subList(6, 8));
			assertThat(last.has("next")).isFalse();

			// Bob sees the same conversation, and history delivered nothing: his inbox still has all five.
			assertThat(texts(b.requestOk("history", "session", bob.token(), "with", alice.username()))).isEqualTo(newestFirst);
			assertThat(b.requestOk("inbox", "session", bob.token()).get("messages").get(alice.username())).hasSize(5);

			JsonNode unknown = a.requestError("history", "session", alice.token(), "with", ChatServer.uniqueName("nobody"));
			assertThat(unknown.get("code").asString()).isEqualTo("UNKNOWN_USER");
		}
	}

	@Test
	void historyWithOneselfListsEachNoteToSelfOnce() {
		TestUser alice = this.server.newUser("self");
		try (TcpClient a = this.server.lineClient()) {
			a.requestOk("send", "session", alice.token(), "destination", alice.username(), "message", "note 1");
			a.requestOk("send", "session", alice.token(), "destination", alice.username(), "message", "note 2");
			assertThat(texts(a.requestOk("history", "session", alice.token(), "with", alice.username())))
				.containsExactly("note 2", "note 1");
		}
	}

	@Test
	void roomHistoryPagesOldestFirstForMembersOnly() {
		TestUser alice = this.server.newUser("alice");
		TestUser carol = this.server.newUser("carol");
		TestUser outsider = this.server.newUser("outsider");
		String room = ChatServer.uniqueName("history");
		try (TcpClient a = this.server.lineClient(); TcpClient c = this.server.lineClient();
				TcpClient o = this.server.legacyClient()) {
			a.requestOk("room_join", "session", alice.token(), "roomname", room);
			c.requestOk("room_join", "session", carol.token(), "roomname", room);
			for (int i = 0; i < 4; i++) {
				a.requestOk("room_chat", "session", alice.token(), "message", "line " + i);
			}

			JsonNode all = c.requestOk("room_history", "session", carol.token(), "roomname", room);
			assertThat(all.get("room").asString()).isEqualTo(room);
			List<JsonNode> messages = list(all.get("messages"));
			assertThat(messages.stream().filter((m) -> m.get("username").asString().equals(alice.username()))
				.map((m) -> m.get("messages").asString())).containsExactly("line 0", "line 1", "line 2", "line 3");
			assertThat(messages).anySatisfy((m) -> {
				assertThat(m.get("username").asString()).isEqualTo("[System]");
				assertThat(m.get("display").asString()).isEqualTo("[System]");
			});
			JsonNode chat = messages.getLast();
			assertThat(chat.get("display").asString()).isEqualTo(alice.name());
			assertThat(Instant.parse(chat.get("sentAt").asString())).isBeforeOrEqualTo(Instant.now());
			assertThat(messages.stream().map((m) -> m.get("seq").asLong()).toList()).isSorted().doesNotHaveDuplicates();
			assertThat(all.has("next")).isFalse();

			// The same messages again, two at a time, each page starting after the last one's seq.
			List<JsonNode> paged = new ArrayList<>();
			String after = "0";
			while (true) {
				JsonNode page = c.requestOk("room_history", "session", carol.token(), "roomname", room, "after", after,
						"limit", "2");
				paged.addAll(list(page.get("messages")));
				assertThat(page.get("messages").size()).isLessThanOrEqualTo(2);
				if (!page.has("next")) {
					break;
				}
				after = page.get("next").asString();
			}
			assertThat(paged).isEqualTo(messages);

			JsonNode tail = c.requestOk("room_history", "session", carol.token(), "roomname", room, "after",
					messages.get(messages.size() - 2).get("seq").asString());
			assertThat(list(tail.get("messages"))).containsExactly(messages.getLast());

			JsonNode refused = o.requestError("room_history", "session", outsider.token(), "roomname", room);
			assertThat(refused.get("code").asString()).isEqualTo("NOT_A_MEMBER");
			JsonNode unknown = o.requestError("room_history", "session", outsider.token(), "roomname",
					ChatServer.uniqueName("no-such-room"));
			assertThat(unknown.get("code").asString()).isEqualTo("UNKNOWN_ROOM");
		}
	}

	@Test
	void roomListCountsTheUsersInEachRoomAndRoomMembersNamesThem() {
		TestUser alice = this.server.newUser("alice");
		TestUser carol = this.server.newUser("carol");
		TestUser dave = this.server.newUser("dave");
		String pair = ChatServer.uniqueName("pair");
		String solo = ChatServer.uniqueName("solo");
		try (TcpClient a = this.server.lineClient(); TcpClient c = this.server.legacyClient();
				TcpClient d = this.server.lineClient()) {
			a.requestOk("room_join", "session", alice.token(), "roomname", pair);
			c.requestOk("room_join", "session", carol.token(), "roomname", pair);
			d.requestOk("room_join", "session", dave.token(), "roomname", solo);

			JsonNode rooms = d.requestOk("room_list", "session", dave.token()).get("rooms");
			assertThat(list(rooms)).anySatisfy((room) -> {
				assertThat(room.get("name").asString()).isEqualTo(pair);
				assertThat(room.get("members").asLong()).isEqualTo(2);
			});
			assertThat(list(rooms)).anySatisfy((room) -> {
				assertThat(room.get("name").asString()).isEqualTo(solo);
				assertThat(room.get("members").asLong()).isEqualTo(1);
			});

			// Anyone logged in may see who is in a room, as the room list shows how many.
			JsonNode members = d.requestOk("room_members", "session", dave.token(), "roomname", pair);
			assertThat(members.get("room").asString()).isEqualTo(pair);
			assertThat(list(members.get("users")).stream().map(JsonNode::asString)).containsExactly(alice.name(),
					carol.name());

			c.requestOk("room_leave", "session", carol.token());
			assertThat(list(d.requestOk("room_members", "session", dave.token(), "roomname", pair).get("users"))
				.stream()
				.map(JsonNode::asString)).containsExactly(alice.name());
			assertThat(list(d.requestOk("room_list", "session", dave.token()).get("rooms")))
				.filteredOn((room) -> room.get("name").asString().equals(pair))
				.singleElement()
				.satisfies((room) -> assertThat(room.get("members").asLong()).isEqualTo(1));

			JsonNode unknown = d.requestError("room_members", "session", dave.token(), "roomname",
					ChatServer.uniqueName("no-such-room"));
			assertThat(unknown.get("code").asString()).isEqualTo("UNKNOWN_ROOM");
			assertThat(d.requestError("room_list").get("code").asString()).isEqualTo("MISSING_PARAMETER");
		}
	}

	@Test
	void aBadNumberIsAnInvalidParameterAndTheConnectionCarriesOn() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String room = ChatServer.uniqueName("numbers");
		try (TcpClient a = this.server.lineClient()) {
			a.requestOk("room_join", "session", alice.token(), "roomname", room);
			String[][] historyParams = { { "before", "abc" }, { "before", "0" }, { "before", "-5" }, { "limit", "1.5" },
					{ "limit", "0" }, { "limit", "-1" }, { "before", "99999999999999999999" } };
			for (String[] bad : historyParams) {
				JsonNode refused = a.requestError("history", "session", alice.token(), "with", bob.username(), bad[0],
						bad[1]);
				assertThat(refused.get("code").asString()).as("%s=%s", bad[0], bad[1]).isEqualTo("INVALID_PARAMETER");
				assertThat(refused.get("error").asString()).contains(bad[0]);
			}
			String[][] roomParams = { { "after", "x" }, { "after", "-1" }, { "limit", "ten" }, { "limit", "0" } };
			for (String[] bad : roomParams) {
				JsonNode refused = a.requestError("room_history", "session", alice.token(), "roomname", room, bad[0],
						bad[1]);
				assertThat(refused.get("code").asString()).as("%s=%s", bad[0], bad[1]).isEqualTo("INVALID_PARAMETER");
			}
			// An empty value counts as absent, as in the original; a huge limit is clamped, not refused.
			a.requestOk("history", "session", alice.token(), "with", bob.username(), "before", "", "limit", "100000");
			a.requestOk("room_history", "session", alice.token(), "roomname", room, "after", "0", "limit", "100000");
			assertThat(a.requestError("history", "session", alice.token()).get("code").asString())
				.isEqualTo("MISSING_PARAMETER");
		}
	}

	private static List<String> texts(JsonNode reply) {
		return list(reply.get("messages")).stream().map((message) -> message.get("message").asString()).toList();
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> items = new ArrayList<>();
		array.forEach(items::add);
		return items;
	}

}

package org.progjar.chat.authorization;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.stream.EventStreamClient;
import org.progjar.chat.stream.EventStreamClient.Event;
import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi.Result;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.progjar.chat.testing.Problems.assertProblem;

/**
 * A valid session gets at its own data only: another user's direct messages, conversation,
 * files and events stay out of its inbox, history, file list and event stream, and a session
 * that is not in a room (an outsider, a member of another room, or another login of a member)
 * can neither read nor write that room's messages and files, over TCP or HTTP. Who is in a room
 * and which rooms exist is open to every logged-in user, as documented. None of the refused
 * requests changes anything.
 */
@ChatServerTest
@TestInstance(Lifecycle.PER_CLASS)
class AccessMatrixIntegrationTests {

	@Autowired
	ChatServer server;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApplicationContext context;

	private Fixture fixture;

	private EventStreamClient outsiderEvents;

	private EventStreamClient neighbourEvents;

	private Map<String, Long> rowsBefore;

	@BeforeAll
	void createFixture() {
		this.fixture = new Fixture(this.server, this.context);
		// streams open before anything private happens, so they would receive it if it leaked
		this.outsiderEvents = EventStreamClient.open(this.fixture.http, this.fixture.outsider.token());
		this.neighbourEvents = EventStreamClient.open(this.fixture.http, this.fixture.neighbour.token());
		this.fixture.share();
		for (var user : List.of(this.fixture.outsider, this.fixture.neighbour)) {
			this.fixture.http.post("/api/messages", this.fixture.alice.token(),
					Map.of("to", user.username(), "message", marker(user.username())));
		}
		this.rowsBefore = this.fixture.rowCounts();
	}

	@AfterAll
	void refusedRequestsChangedNothing() {
		this.outsiderEvents.close();
		this.neighbourEvents.close();
		assertThat(this.fixture.rowCounts()).isEqualTo(this.rowsBefore);
	}

	record TcpRefusal(String who, String command, List<String> params, String code) {

		@Override
		public String toString() {
			return this.who + " " + this.command + " " + this.params + " -> " + this.code;
		}

	}

	record HttpRefusal(String who, String method, String path, int status, String code) {

		@Override
		public String toString() {
			return this.who + " " + this.method + " " + this.path + " -> " + this.status + " " + this.code;
		}

	}

	List<TcpRefusal> tcpRefusals() {
		String room = this.fixture.room;
		List<TcpRefusal> rows = new ArrayList<>();
		rows.add(new TcpRefusal("outsider", "file_get", List.of("filename", Fixture.ALICE_FILE), "FILE_NOT_FOUND"));
		for (String who : List.of("outsider", "alice's other login")) {
			rows.add(new TcpRefusal(who, "room_history", List.of("roomname", room), "NOT_A_MEMBER"));
			rows.add(new TcpRefusal(who, "room_chat", List.of("message", "hi"), "NOT_IN_ROOM"));
			rows.add(new TcpRefusal(who, "room_send_file", List.of("filename", "probe.txt", "payload", Fixture.PAYLOAD),
					"NOT_IN_ROOM"));
			rows.add(new TcpRefusal(who, "room_get_file", List.of("filename", Fixture.ROOM_FILE), "NOT_IN_ROOM"));
			rows.add(new TcpRefusal(who, "room_leave", List.of(), "NOT_IN_ROOM"));
		}
		rows.add(new TcpRefusal("neighbour", "room_history", List.of("roomname", room), "NOT_A_MEMBER"));
		// the TCP room commands act on the caller's own room: the file is not there
		rows.add(new TcpRefusal("neighbour", "room_get_file", List.of("filename", Fixture.ROOM_FILE), "FILE_NOT_FOUND"));
		return rows;
	}

	List<HttpRefusal> httpRefusals() {
		String room = "/api/rooms/" + this.fixture.room;
		List<HttpRefusal> rows = new ArrayList<>();
		rows.add(new HttpRefusal("outsider", "GET", "/api/files/" + Fixture.ALICE_FILE, 404, "FILE_NOT_FOUND"));
		for (String who : List.of("outsider", "neighbour", "alice's other login")) {
			rows.add(new HttpRefusal(who, "GET", room + "/messages", 403, "NOT_A_MEMBER"));
			rows.add(new HttpRefusal(who, "POST", room + "/messages", 403, "NOT_A_MEMBER"));
			rows.add(new HttpRefusal(who, "GET", room + "/files", 403, "NOT_A_MEMBER"));
			rows.add(new HttpRefusal(who, "GET", room + "/files/" + Fixture.ROOM_FILE, 403, "NOT_A_MEMBER"));
			rows.add(new HttpRefusal(who, "PUT", room + "/files/probe.txt", 403, "NOT_A_MEMBER"));
			rows.add(new HttpRefusal(who, "DELETE", room + "/members/me", 403, "NOT_A_MEMBER"));
		}
		return rows;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tcpRefusals")
	void tcpRefusesWhatIsNotTheCallers(TcpRefusal row) {
		List<String> params = new ArrayList<>(row.params());
		params.addAll(List.of("session", token(row.who())));
		try (TcpClient client = this.server.lineClient()) {
			JsonNode error = client.requestError(row.command(), params.toArray(String[]::new));
			assertThat(error.get("code").asString()).as("%s", error).isEqualTo(row.code());
			assertThat(error.toString()).doesNotContain(Fixture.SECRET);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("httpRefusals")
	void httpRefusesWhatIsNotTheCallers(HttpRefusal row) {
		String token = token(row.who());
		Result result = switch (row.method()) {
			case "GET" -> this.fixture.http.get(row.path(), token);
			case "DELETE" -> this.fixture.http.delete(row.path(), token);
			case "POST" -> this.fixture.http.post(row.path(), token, Map.of("message", "hi"));
			case "PUT" -> this.fixture.http.put(row.path(), token, new byte[] { 1 }, "application/octet-stream");
			default -> throw new IllegalArgumentException(row.method());
		};
		assertProblem(result, row.status(), row.code());
		assertThat(result.text()).doesNotContain(Fixture.SECRET);
	}

	@Test
	void inboxHistoryAndFilesShowNothingOfOtherUsers() {
		var f = this.fixture;
		try (TcpClient client = this.server.lineClient()) {
			List<JsonNode> views = List.of(client.requestOk("inbox", "session", f.outsider.token()),
					client.requestOk("inbox_listen", "session", f.outsider.token()),
					client.requestOk("history", "session", f.outsider.token(), "with", f.alice.username()),
					client.requestOk("history", "session", f.outsider.token(), "with", f.bob.username()));
			views.forEach((view) -> assertThat(view.toString()).doesNotContain(Fixture.SECRET));
			assertThat(client.requestOk("file_list", "session", f.outsider.token()).get("files").values())
				.noneMatch((name) -> name.asString().equals(Fixture.ALICE_FILE));
		}
		List<Result> views = List.of(f.http.post("/api/inbox", f.outsider.token(), Map.of()),
				f.http.get("/api/messages?with=" + f.alice.username(), f.outsider.token()),
				f.http.get("/api/messages?with=" + f.bob.username(), f.outsider.token()),
				f.http.get("/api/files", f.outsider.token()), f.http.get("/api/me", f.outsider.token()));
		views.forEach((view) -> {
			assertThat(view.status()).as(view.text()).isEqualTo(200);
			assertThat(view.text()).doesNotContain(Fixture.SECRET, Fixture.ALICE_FILE, f.room);
		});
		// and the data is there, for its owner
		assertThat(f.http.get("/api/messages?with=" + f.bob.username(), f.alice.token()).text()).contains(Fixture.SECRET);
		assertThat(f.http.get("/api/files/" + Fixture.ALICE_FILE, f.alice.token()).bytes())
			.isEqualTo(Fixture.SECRET.getBytes(StandardCharsets.UTF_8));
	}

	/** Each stream's first direct message is alice's marker: nothing private came before it. */
	@Test
	void eventStreamsCarryNothingOfOtherUsersOrRooms() {
		for (var stream : List.of(Map.entry(this.fixture.outsider.username(), this.outsiderEvents),
				Map.entry(this.fixture.neighbour.username(), this.neighbourEvents))) {
			List<Event> seen = new ArrayList<>();
			Event event;
			do {
				event = stream.getValue().next();
				seen.add(event);
			}
			while (!event.type().equals("message"));
			assertThat(event.json().get("message").asString()).isEqualTo(marker(stream.getKey()));
			assertThat(seen).extracting(Event::data).noneMatch((data) -> data.contains(Fixture.SECRET));
			assertThat(seen).extracting(Event::data).noneMatch((data) -> data.contains(this.fixture.room + "\""));
		}
	}

	/** Room ids are small numbers: a cursor naming another room's replays none of that room. */
	@Test
	void aForgedResumeCursorReplaysNothingOfAnotherRoom() {
		long roomId = this.jdbc.queryForObject("select id from rooms where name = ?", Long.class, this.fixture.room);
		try (EventStreamClient stream = EventStreamClient.open(this.fixture.http, this.fixture.outsider.token(),
				"0-" + roomId + ".0")) {
			List<Event> seen = new ArrayList<>();
			Event event;
			do {
				event = stream.next();
				seen.add(event);
			}
			while (!event.type().equals("message"));
			assertThat(event.json().get("message").asString()).isEqualTo(marker(this.fixture.outsider.username()));
			assertThat(seen.getFirst().type()).isEqualTo("room");
			assertThat(seen.getFirst().json().get("room").isNull()).isTrue();
			assertThat(seen).extracting(Event::data).noneMatch((data) -> data.contains(Fixture.SECRET));
		}
	}

	/** Documented as open to any logged-in user: the rooms, their member lists, user profiles. */
	@Test
	void directoryReadsAreOpenToEveryLoggedInUser() {
		var f = this.fixture;
		try (TcpClient client = this.server.lineClient()) {
			assertThat(client.requestOk("room_members", "session", f.outsider.token(), "roomname", f.room).get("users")
				.values()).extracting(JsonNode::asString).containsExactly(f.alice.name(), f.bob.name());
			client.requestOk("room_list", "session", f.outsider.token());
		}
		Result members = f.http.get("/api/rooms/" + f.room + "/members", f.outsider.token());
		assertThat(members.status()).isEqualTo(200);
		assertThat(members.text()).doesNotContain(Fixture.SECRET);
		Result profile = f.http.get("/api/users/" + f.alice.username(), f.outsider.token());
		assertThat(profile.status()).isEqualTo(200);
		assertThat(profile.json().propertyNames()).containsExactlyInAnyOrder("username", "name", "nationality");
	}

	private String token(String who) {
		return switch (who) {
			case "outsider" -> this.fixture.outsider.token();
			case "neighbour" -> this.fixture.neighbour.token();
			case "alice's other login" -> this.fixture.aliceElsewhere;
			default -> throw new IllegalArgumentException(who);
		};
	}

	private static String marker(String username) {
		return "marker for " + username;
	}

}

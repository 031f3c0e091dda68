package org.progjar.chat.authorization;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.progjar.chat.session.SessionAging;
import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.TcpClient;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data that belongs to somebody, and the people and tokens that must not get at it: alice and
 * bob are in a room with a file and a message in it, bob has sent alice a direct message and a
 * file; the outsider is in no room, the neighbour in another one, and alice's second login in
 * none (membership is per session). Rooms are joined over HTTP, so memberships outlast any
 * connection. The tokens that must be refused were real: one expired, one logged out, each
 * accepted before.
 */
final class Fixture {

	static final String SECRET = "only alice and bob may read this";

	static final String ALICE_FILE = "for-alice-only.txt";

	static final String ROOM_FILE = "members-only.txt";

	static final String PAYLOAD = "aGk=";

	/** A well-formed token that no login ever returned. */
	static final String UNKNOWN_TOKEN = "nNnNnNnNnNnNnNnNnNnNnNnNnNnNnNnNnNnNnNnNnNn";

	private static final List<String> TABLES = List.of("users", "direct_messages", "files", "rooms", "room_members",
			"room_messages", "room_files");

	final HttpApi http;

	final ChatServer server;

	final JdbcTemplate jdbc;

	private final ApplicationContext context;

	final String room = ChatServer.uniqueName("members-only");

	final String otherRoom = ChatServer.uniqueName("elsewhere");

	final TestUser alice;

	final TestUser bob;

	final TestUser outsider;

	final TestUser neighbour;

	/** A second login of alice, not in the room: membership belongs to the session. */
	final String aliceElsewhere;

	final String expiredToken;

	final String loggedOutToken;

	Fixture(ChatServer server, ApplicationContext context) {
		this.server = server;
		this.context = context;
		this.jdbc = context.getBean(JdbcTemplate.class);
		this.http = server.http();
		this.alice = server.newUser("alice");
		this.bob = server.newUser("bob");
		this.outsider = server.newUser("outsider");
		this.neighbour = server.newUser("neighbour");
		this.aliceElsewhere = login(this.alice);
		this.expiredToken = expired(server.newUser("expired"));
		this.loggedOutToken = loggedOut(server.newUser("gone"));
	}

	/** Gives alice and bob their private data: a direct message, a file, a room with both. */
	Fixture share() {
		expect(201, this.http.post("/api/messages", this.bob.token(), Map.of("to", this.alice.username(), "message", SECRET)));
		expect(201, this.http.put("/api/users/" + this.alice.username() + "/files/" + ALICE_FILE, this.bob.token(),
				SECRET.getBytes(StandardCharsets.UTF_8), "application/octet-stream"));
		expect(200, this.http.putEmpty("/api/rooms/" + this.room + "/members/me", this.alice.token()));
		expect(200, this.http.putEmpty("/api/rooms/" + this.room + "/members/me", this.bob.token()));
		expect(200, this.http.putEmpty("/api/rooms/" + this.otherRoom + "/members/me", this.neighbour.token()));
		expect(201, this.http.post("/api/rooms/" + this.room + "/messages", this.bob.token(), Map.of("message", SECRET)));
		expect(201, this.http.put("/api/rooms/" + this.room + "/files/" + ROOM_FILE, this.alice.token(),
				SECRET.getBytes(StandardCharsets.UTF_8), "application/octet-stream"));
		return this;
	}

	/** Rows per table: refused requests must leave them as they were. */
	Map<String, Long> rowCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : TABLES) {
			counts.put(table, this.jdbc.queryForObject("select count(*) from " + table, Long.class));
		}
		return counts;
	}

	private String login(TestUser user) {
		HttpApi.Result login = this.http.post("/api/sessions", null,
				Map.of("username", user.username(), "password", "password123"));
		expect(201, login);
		return login.json().get("token").asString();
	}

	/** A session that was in use, then idle for longer than the idle timeout, and purged. */
	private String expired(TestUser user) {
		expect(200, this.http.get("/api/me", user.token()));
		assertThat(SessionAging.expireSessionsOf(this.context, user.username())).isEqualTo(1);
		return user.token();
	}

	private String loggedOut(TestUser user) {
		try (TcpClient client = this.server.lineClient()) {
			client.requestOk("inbox", "session", user.token());
			client.requestOk("logout", "session", user.token());
		}
		return user.token();
	}

	private static void expect(int status, HttpApi.Result result) {
		assertThat(result.status()).as(result.text()).isEqualTo(status);
	}

}

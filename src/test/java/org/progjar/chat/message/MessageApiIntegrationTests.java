package org.progjar.chat.message;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import static org.progjar.chat.testing.Problems.assertProblem;

/** Direct messages over REST: send, inbox (as TCP delivers it) and the paged conversation. */
@ChatServerTest
class MessageApiIntegrationTests {

	@Autowired
	ChatServer server;

	@Test
	void sendAnswersWithTheStoredMessage() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		Instant before = Instant.now().minusSeconds(1);

		Result sent = send(alice, bob.username(), "halo & selamat pagi é");

		assertThat(sent.status()).as(sent.text()).isEqualTo(201);
		JsonNode message = sent.json();
		assertThat(message.get("id").asLong()).isPositive();
		assertThat(message.get("from").asString()).isEqualTo(alice.username());
		assertThat(message.get("fromName").asString()).isEqualTo(alice.name());
		assertThat(message.get("to").asString()).isEqualTo(bob.username());
		assertThat(message.get("toName").asString()).isEqualTo(bob.name());
		assertThat(message.get("message").asString()).isEqualTo("halo & selamat pagi é");
		assertThat(Instant.parse(message.get("sentAt").asString())).isBetween(before, Instant.now().plusSeconds(1));
	}

	@Test
	void aMessageSentOverRestIsInTheTcpInbox() {
		TestUser alice = this.server.newUser("alice");
		TestUser carol = this.server.newUser("carol");
		long id = send(alice, carol.username(), "over http").json().get("id").asLong();

		try (TcpClient client = this.server.lineClient()) {
			JsonNode entry = client.requestOk("inbox", "session", carol.token()).get("messages").get(alice.username()).get(0);
			assertThat(entry.get("msg").asString()).isEqualTo("over http");
			assertThat(entry.get("id").asLong()).isEqualTo(id);
		}
	}

	@Test
	void inboxGroupsAndNamesLikeTcpAndDeliversOnceAcrossTransports() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		TestUser carol = this.server.newUser("carol");
		try (TcpClient client = this.server.lineClient()) {
			client.requestOk("send", "session", alice.token(), "destination", carol.username(), "message", "first");
			JsonNode overTcp = client.requestOk("inbox", "session", carol.token()).get("messages");

			client.requestOk("send", "session", alice.token(), "destination", carol.username(), "message", "first");
			send(bob, carol.username(), "from bob");
			client.requestOk("send", "session", alice.token(), "destination", carol.username(), "message", "second");
			Result inbox = http().post("/api/inbox", carol.token(), Map.of());

			assertThat(inbox.status()).as(inbox.text()).isEqualTo(200);
			JsonNode overRest = inbox.json().get("messages");
			assertThat(overRest.propertyNames()).containsExactly(alice.username(), bob.username());
			JsonNode first = overRest.get(alice.username()).get(0);
			JsonNode tcpFirst = overTcp.get(alice.username()).get(0);
			assertThat(first.propertyNames()).containsExactlyElementsOf(tcpFirst.propertyNames());
			for (String key : List.of("msg_from", "msg_to", "msg")) {
				assertThat(first.get(key)).as(key).isEqualTo(tcpFirst.get(key));
			}
			assertThat(first.get("msg_from").asString()).isEqualTo(alice.name());
			assertThat(first.get("msg_to").asString()).isEqualTo(carol.name());
			assertThat(overRest.get(alice.username()).get(1).get("msg").asString()).isEqualTo("second");
			assertThat(overRest.get(bob.username()).get(0).get("msg").asString()).isEqualTo("from bob");

			assertThat(http().post("/api/inbox", carol.token(), Map.of()).json().get("messages").isEmpty()).isTrue();
			assertThat(client.requestOk("inbox", "session", carol.token()).get("messages").isEmpty()).isTrue();
		}
	}

	@Test
	void inboxNeedsNoBody() {
		TestUser user = this.server.newUser("nobody");
		Result inbox = http().send(http().request("/api/inbox", user.token())
			.POST(BodyPublishers.noBody()));
		assertThat(inbox.status()).as(inbox.text()).isEqualTo(200);
		assertThat(inbox.text()).isEqualTo("{\"messages\":{}}");
	}

	@Test
	void historyIsPagedNewestFirstWithACursorAndDeliversNothing() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		TestUser eve = this.server.newUser("eve");
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			TestUser from = (i % 2 == 0) ? alice : bob;
			TestUser to = (i % 2 == 0) ? bob : alice;
			ids.add(send(from, to.username(), "m" + i).json().get("id").asLong());
		}
		send(eve, alice.username(), "not in this conversation");

		JsonNode first = history(alice, "?with=" + bob.username() + "&limit=2");
		assertThat(first.get("messages")).extracting((m) -> m.get("message").asString()).containsExactly("m4", "m3");
		assertThat(first.get("next").asLong()).isEqualTo(ids.get(3));
		JsonNode newest = first.get("messages").get(0);
		assertThat(newest.propertyNames()).contains("id", "from", "fromName", "to", "toName", "message", "sentAt");
		assertThat(newest.get("from").asString()).isEqualTo(alice.username());

		JsonNode second = history(alice, "?with=" + bob.username() + "&limit=2&before=" + first.get("next").asLong());
		assertThat(second.get("messages")).extracting((m) -> m.get("message").asString()).containsExactly("m2", "m1");
		JsonNode last = history(alice, "?with=" + bob.username() + "&limit=2&before=" + second.get("next").asLong());
		assertThat(last.get("messages")).extracting((m) -> m.get("message").asString()).containsExactly("m0");
		assertThat(last.has("next")).isFalse();

		// the default page holds them all, from either side
		JsonNode all = history(bob, "?with=" + alice.username());
		assertThat(all.get("messages")).extracting((m) -> m.get("id").asLong()).containsExactlyElementsOf(ids.reversed());
		assertThat(all.has("next")).isFalse();
		assertThat(history(bob, "?with=" + alice.username() + "&limit=100000").get("messages")).hasSize(5);

		// reading history delivered nothing
		JsonNode inbox = http().post("/api/inbox", alice.token(), Map.of()).json().get("messages");
		assertThat(inbox.propertyNames()).containsExactly(bob.username(), eve.username());
	}

	@Test
	void historyNeedsAnExistingOtherUserAndNumericParameters() {
		TestUser alice = this.server.newUser("alice");
		assertThat(assertProblem(http().get("/api/messages", alice.token()), 400, "MISSING_PARAMETER").get("detail")
			.asString()).contains("[with]");
		assertProblem(http().get("/api/messages?with=nobody-here", alice.token()), 404, "UNKNOWN_USER");
		for (String bad : List.of("limit=lots", "limit=0", "before=-1", "before=1.5")) {
			JsonNode problem = assertProblem(http().get("/api/messages?with=" + alice.username() + "&" + bad, alice.token()),
					400, "INVALID_PARAMETER");
			assertThat(problem.get("detail").asString()).as(bad).contains("whole number");
		}
		assertProblem(http().get("/api/messages?with=" + alice.username(), null), 401, "INVALID_SESSION");
	}

	@Test
	void sendIsRefusedLikeOverTcp() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");

		JsonNode unknown = assertProblem(send(alice, "nobody-here", "hi"), 404, "UNKNOWN_USER");
		assertThat(unknown.get("detail").asString()).isEqualTo("User [nobody-here] does not exist");
		assertProblem(send(alice, bob.username(), "   "), 400, "INVALID_PARAMETER");
		assertThat(assertProblem(http().post("/api/messages", alice.token(), Map.of("message", "hi")), 400,
				"MISSING_PARAMETER").get("detail").asString()).isEqualTo("Parameter [to] is required");
		assertProblem(http().postRaw("/api/messages", alice.token(), "application/json", "{\"to\": 1, "), 400,
				"MALFORMED_REQUEST");
		// the caller is checked before the body is even read
		assertProblem(http().postRaw("/api/messages", null, "application/json", "{\"to\": 1, "), 401, "INVALID_SESSION");
		assertProblem(http().post("/api/messages", "bogus", Map.of("to", bob.username(), "message", "hi")), 401,
				"INVALID_SESSION");
		assertProblem(http().post("/api/inbox", null, Map.of()), 401, "INVALID_SESSION");
	}

	private Result send(TestUser from, String to, String text) {
		return http().post("/api/messages", from.token(), Map.of("to", to, "message", text));
	}

	private JsonNode history(TestUser caller, String query) {
		Result result = http().get("/api/messages" + query, caller.token());
		assertThat(result.status()).as(result.text()).isEqualTo(200);
		return result.json();
	}

	private HttpApi http() {
		return this.server.http();
	}
}

package org.progjar.chat.session;

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

/** {@code POST /api/sessions}, {@code DELETE /api/sessions/current}, and one token for both transports. */
@ChatServerTest
class SessionApiIntegrationTests {

	@Autowired
	ChatServer server;

	@Test
	void loginAnswersWithATokenThatNoCacheKeeps() {
		TestUser user = this.server.newUser("rest-login");
		Result login = login(user.username(), "password123");

		assertThat(login.status()).as(login.text()).isEqualTo(201);
		assertThat(login.json().get("token").asString()).matches("[A-Za-z0-9_-]{43}");
		assertThat(login.header("Cache-Control")).contains("no-store");
	}

	@Test
	void aTokenFromRestWorksOverTcpAndOneFromTcpWorksOverRest() {
		TestUser user = this.server.newUser("cross-token");
		String restToken = login(user.username(), "password123").json().get("token").asString();
		try (TcpClient client = this.server.lineClient()) {
			client.requestOk("inbox", "session", restToken);
		}
		// newUser logged in over TCP
		assertThat(http().get("/api/files", user.token()).status()).isEqualTo(200);
	}

	@Test
	void wrongPasswordAndUnknownUserAreTheSameRefusal() {
		TestUser user = this.server.newUser("rest-badlogin");
		Result wrongPassword = login(user.username(), "nope-nope");
		Result unknownUser = login(ChatServer.uniqueName("ghost"), "nope-nope");

		JsonNode problem = assertProblem(wrongPassword, 401, "BAD_CREDENTIALS");
		assertThat(wrongPassword.header("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(assertProblem(unknownUser, 401, "BAD_CREDENTIALS")).isEqualTo(problem);
	}

	@Test
	void loginNeedsBothFields() {
		Result missing = http().post("/api/sessions", null, Map.of("username", "someone"));
		assertThat(assertProblem(missing, 400, "MISSING_PARAMETER").get("detail").asString())
			.isEqualTo("Parameter [password] is required");
		assertProblem(http().postRaw("/api/sessions", null, "application/json", "{\"username\":"), 400,
				"MALFORMED_REQUEST");
	}

	@Test
	void logoutEndsTheTokenOnBothTransports() {
		TestUser user = this.server.newUser("rest-logout");
		Result logout = http().delete("/api/sessions/current", user.token());
		assertThat(logout.status()).as(logout.text()).isEqualTo(204);
		assertThat(logout.bytes()).isEmpty();

		assertProblem(http().get("/api/files", user.token()), 401, "INVALID_SESSION");
		assertProblem(http().delete("/api/sessions/current", user.token()), 401, "INVALID_SESSION");
		try (TcpClient client = this.server.lineClient()) {
			assertThat(client.requestError("inbox", "session", user.token()).get("code").asString())
				.isEqualTo("INVALID_SESSION");
		}
	}

	@Test
	void aTcpLogoutEndsTheTokenOverRestToo() {
		TestUser user = this.server.newUser("tcp-logout");
		try (TcpClient client = this.server.lineClient()) {
			client.requestOk("logout", "session", user.token());
		}
		assertProblem(http().get("/api/files", user.token()), 401, "INVALID_SESSION");
	}

	@Test
	void aMissingMalformedOrUnknownTokenIsUnauthorized() {
		Result none = http().get("/api/files", null);
		assertThat(assertProblem(none, 401, "INVALID_SESSION").get("detail").asString()).contains("Bearer");
		assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");

		assertProblem(http().get("/api/files", "not-a-real-token"), 401, "INVALID_SESSION");
		assertProblem(http().send(http().request("/api/files", null).header("Authorization", "Basic dXNlcjpwdw==")),
				401, "INVALID_SESSION");
		assertProblem(http().delete("/api/sessions/current", null), 401, "INVALID_SESSION");
	}

	private Result login(String username, String password) {
		return http().post("/api/sessions", null, Map.of("username", username, "password", password));
	}

	private HttpApi http() {
		return this.server.http();
	}
}

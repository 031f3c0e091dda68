package org.progjar.chat.protocol;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection must log in soon after it opens, and once logged in may stay as long as it is not
 * silent for the idle timeout. Short timeouts here; the checks leave seconds of slack either way.
 */
@ChatServerTest
@TestPropertySource(properties = { "chat.tcp.login-timeout=3s", "chat.tcp.idle-timeout=5s" })
class ConnectionTimeoutsIntegrationTests {

	/** Three of these are longer than the login timeout, one is well inside the idle timeout. */
	private static final Duration QUIET = Duration.ofMillis(1200);

	private static final Duration GIVE_UP = Duration.ofSeconds(30);

	@Autowired
	ChatServer server;

	@Test
	void aConnectionThatDoesNotLogInIsToldSoAndClosedOnBothListeners() {
		for (TcpClient client : new TcpClient[] { this.server.lineClient(), this.server.legacyClient() }) {
			try (client) {
				JsonNode error = client.response();
				assertThat(error.get("status").asString()).isEqualTo("ERROR");
				assertThat(error.get("code").asString()).isEqualTo("LOGIN_TIMEOUT");
				assertThat(error.get("error").asString()).contains("3 s");
				assertThat(client.isClosedByServer()).isTrue();
			}
		}
	}

	@Test
	void requestsWithoutASessionDoNotPutTheLoginTimeoutOff() {
		try (TcpClient client = this.server.lineClient()) {
			// As fast as the server answers: a deadline, not a pause between reads, closes it. The
			// loop gives up long after the deadline.
			long giveUp = System.nanoTime() + GIVE_UP.toNanos();
			JsonNode response;
			do {
				response = client.request("inbox", "session", "not-a-token");
			}
			while (response.get("code").asString().equals("INVALID_SESSION") && System.nanoTime() < giveUp);
			assertThat(response.get("code").asString()).isEqualTo("LOGIN_TIMEOUT");
			assertThat(client.isClosedByServer()).isTrue();
		}
	}

	@Test
	void loggingInOrUsingASessionSwitchesToTheIdleTimeout() {
		TestUser user = this.server.newUser("idle");
		try (TcpClient loggedIn = this.server.lineClient(); TcpClient usedSession = this.server.lineClient()) {
			loggedIn.requestOk("auth", "username", user.username(), "password", "password123");
			usedSession.requestOk("inbox", "session", user.token());
			for (int i = 0; i < 3; i++) {
				assertThat(loggedIn.isSilentFor(QUIET)).as("open %d ms after logging in", (i + 1) * QUIET.toMillis())
					.isTrue();
				loggedIn.requestOk("inbox", "session", user.token());
				usedSession.requestOk("inbox", "session", user.token());
			}
			JsonNode error = loggedIn.response();
			assertThat(error.get("code").asString()).isEqualTo("IDLE_TIMEOUT");
			assertThat(error.get("error").asString()).contains("5 s");
			assertThat(loggedIn.isClosedByServer()).isTrue();
		}
	}

}

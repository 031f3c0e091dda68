package org.progjar.chat.session;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.HttpApi.Result;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.progjar.chat.testing.Problems.assertProblem;

/**
 * Password guessing over real TCP and HTTP. Each test logs in from loopback addresses of its own
 * (127.0.1.x), so that the per-address counts of one test do not reach into another. Limits: 3
 * failures of an account from one address lock it there for 5 s (then 10 s); an address may fail
 * 6 times, an account 5 times from addresses it never logged in from.
 */
@ChatServerTest
@TestPropertySource(properties = { "chat.login-throttle.free-attempts=3", "chat.login-throttle.first-lock=5s",
		"chat.login-throttle.max-lock=10s", "chat.login-throttle.forget-after=1m",
		"chat.login-throttle.address-failures=6", "chat.login-throttle.account-failures=5" })
class LoginThrottleIntegrationTests {

	private static final String PASSWORD = "password123";

	private static final String WRONG = "wrong-password";

	private static final String REFUSAL = "Too many failed logins; wait and try again";

	@Autowired
	ChatServer server;

	@Test
	void failuresLockTheAccountAtThatAddressOnlyAndOnlyForAWhile() {
		TestUser user = this.server.newUser("guessed");
		TestUser neighbour = this.server.newUser("neighbour");
		InetAddress attacker = ChatServer.uniqueAddress();
		try (TcpClient client = this.server.lineClient(attacker)) {
			for (int i = 0; i < 3; i++) {
				assertThat(code(auth(client, user.username(), WRONG))).isEqualTo("BAD_CREDENTIALS");
			}
			// Locked: even the right password is refused unchecked, so the lock tells nothing.
			JsonNode refused = auth(client, user.username(), PASSWORD);
			assertThat(code(refused)).isEqualTo("RATE_LIMITED");
			assertThat(refused.get("error").asString()).isEqualTo(REFUSAL);
			assertThat(refused.get("retryAfter").asInt()).isBetween(1, 5);

			// Not locked: the account from another address, another account from this one.
			try (TcpClient elsewhere = this.server.lineClient(ChatServer.uniqueAddress())) {
				assertThat(code(auth(elsewhere, user.username(), PASSWORD))).isEqualTo("OK");
			}
			assertThat(code(auth(client, neighbour.username(), PASSWORD))).isEqualTo("OK");

			// Refused attempts do not make the lock longer: it ends, and the right password works.
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> code(auth(client, user.username(), PASSWORD)), "OK"::equals);
		}
	}

	@Test
	void overHttpALockedLoginIs429WithRetryAfter() {
		TestUser user = this.server.newUser("rest-guessed");
		HttpApi attacker = this.server.http(ChatServer.uniqueAddress());
		for (int i = 0; i < 3; i++) {
			assertProblem(login(attacker, user.username(), WRONG), 401, "BAD_CREDENTIALS");
		}
		Result refused = login(attacker, user.username(), PASSWORD);
		JsonNode problem = assertProblem(refused, 429, "RATE_LIMITED");
		assertThat(problem.get("detail").asString()).isEqualTo(REFUSAL);
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 5L);

		assertThat(login(this.server.http(ChatServer.uniqueAddress()), user.username(), PASSWORD).status())
			.isEqualTo(201);
	}

	@Test
	void anUnknownUserIsThrottledExactlyLikeARealOne() {
		TestUser real = this.server.newUser("real");
		String ghost = ChatServer.uniqueName("ghost");
		try (TcpClient client = this.server.lineClient(ChatServer.uniqueAddress())) {
			for (int i = 0; i < 3; i++) {
				assertThat(auth(client, ghost, WRONG)).isEqualTo(auth(client, real.username(), WRONG));
			}
			JsonNode realRefused = auth(client, real.username(), PASSWORD);
			JsonNode ghostRefused = auth(client, ghost, PASSWORD);
			assertThat(code(realRefused)).isEqualTo("RATE_LIMITED");
			assertThat(withoutRetryAfter(ghostRefused)).isEqualTo(withoutRetryAfter(realRefused));
		}

		TestUser realOverHttp = this.server.newUser("real");
		String ghostOverHttp = ChatServer.uniqueName("ghost");
		HttpApi http = this.server.http(ChatServer.uniqueAddress());
		for (int i = 0; i < 3; i++) {
			assertThat(login(http, ghostOverHttp, WRONG).json()).isEqualTo(login(http, realOverHttp.username(), WRONG).json());
		}
		Result realRefused = login(http, realOverHttp.username(), PASSWORD);
		Result ghostRefused = login(http, ghostOverHttp, PASSWORD);
		assertProblem(realRefused, 429, "RATE_LIMITED");
		assertThat(ghostRefused.status()).isEqualTo(429);
		assertThat(withoutRetryAfter(ghostRefused.json())).isEqualTo(withoutRetryAfter(realRefused.json()));
	}

	@Test
	void aSuccessfulLoginStartsTheCountOver() {
		TestUser user = this.server.newUser("forgetful");
		try (TcpClient client = this.server.lineClient(ChatServer.uniqueAddress())) {
			auth(client, user.username(), WRONG);
			auth(client, user.username(), WRONG);
			assertThat(code(auth(client, user.username(), PASSWORD))).isEqualTo("OK");
			auth(client, user.username(), WRONG);
			auth(client, user.username(), WRONG);
			// Four failures in all, but never three in a row.
			assertThat(code(auth(client, user.username(), PASSWORD))).isEqualTo("OK");
		}
	}

	@Test
	void oneAddressTryingManyAccountsIsStopped() {
		try (TcpClient sprayer = this.server.lineClient(ChatServer.uniqueAddress())) {
			for (int i = 0; i < 6; i++) {
				// One failure per account: no account is locked at this address.
				TestUser target = this.server.newUser("sprayed");
				assertThat(code(auth(sprayer, target.username(), WRONG))).isEqualTo("BAD_CREDENTIALS");
			}
			TestUser next = this.server.newUser("sprayed");
			assertThat(code(auth(sprayer, next.username(), PASSWORD))).isEqualTo("RATE_LIMITED");
			try (TcpClient elsewhere = this.server.lineClient(ChatServer.uniqueAddress())) {
				assertThat(code(auth(elsewhere, next.username(), PASSWORD))).isEqualTo("OK");
			}
		}
	}

	@Test
	void manyAddressesGuessingOneAccountAreStoppedButNotItsOwner() {
		TestUser owner = this.server.newUser("owner");
		InetAddress home = ChatServer.uniqueAddress();
		try (TcpClient client = this.server.lineClient(home)) {
			assertThat(code(auth(client, owner.username(), PASSWORD))).isEqualTo("OK");
		}
		// Five failures from three addresses, none of them locked there.
		for (int failures : new int[] { 2, 2, 1 }) {
			try (TcpClient attacker = this.server.lineClient(ChatServer.uniqueAddress())) {
				for (int i = 0; i < failures; i++) {
					assertThat(code(auth(attacker, owner.username(), WRONG))).isEqualTo("BAD_CREDENTIALS");
				}
			}
		}
		try (TcpClient attacker = this.server.lineClient(ChatServer.uniqueAddress())) {
			assertThat(code(auth(attacker, owner.username(), PASSWORD))).isEqualTo("RATE_LIMITED");
		}
		// The owner, at an address it logged in from before, is not locked out.
		try (TcpClient client = this.server.lineClient(home)) {
			assertThat(code(auth(client, owner.username(), PASSWORD))).isEqualTo("OK");
		}
	}

	private static JsonNode auth(TcpClient client, String username, String password) {
		return client.request("auth", "username", username, "password", password);
	}

	private static Result login(HttpApi http, String username, String password) {
		return http.post("/api/sessions", null, Map.of("username", username, "password", password));
	}

	private static String code(JsonNode response) {
		return response.has("code") ? response.get("code").asString() : response.get("status").asString();
	}

	/** The wait may differ by a second between two answers; nothing else may. */
	private static JsonNode withoutRetryAfter(JsonNode response) {
		assertThat(response.has("retryAfter")).as("%s has a retryAfter", response).isTrue();
		assertThat(response.get("retryAfter").asInt()).isPositive();
		ObjectNode copy = ((ObjectNode) response).deepCopy();
		copy.remove("retryAfter");
		return copy;
	}

}

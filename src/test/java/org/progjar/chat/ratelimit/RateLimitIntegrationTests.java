package org.progjar.chat.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.HttpApi.Result;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.progjar.chat.testing.Problems.assertProblem;

/**
 * Flood control over real TCP and HTTP, with limits low enough to reach: 10 requests at once and
 * 1 a second after that; 3 messages at once and 1 a second. A flood is sent until its first
 * refusal, and the number let through must be the burst plus at most what refilled meanwhile.
 */
@ChatServerTest
@TestPropertySource(properties = { "chat.rate-limit.commands-per-second=1", "chat.rate-limit.commands-burst=10",
		"chat.rate-limit.messages-per-second=1", "chat.rate-limit.messages-burst=3" })
class RateLimitIntegrationTests {

	private static final int COMMANDS_BURST = 10;

	private static final int MESSAGES_BURST = 3;

	private static final int PER_SECOND = 1;

	private static final String RATE_LIMITED = "RATE_LIMITED";

	@Autowired
	ChatServer server;

	@Autowired
	Refusals refusals;

	@Autowired
	MeterRegistry meters;

	@Test
	void aConnectionFloodingCommandsIsRefusedEvenBeforeLoggingInAndStaysUsable() {
		double countedBefore = tcpRefusalsCounted();
		try (TcpClient flooder = this.server.lineClient(); TcpClient bystander = this.server.lineClient()) {
			// register without its parameters: an open command, refused cheaply when not limited
			Flood flood = Flood.tcp((i) -> flooder.request("register", "username", "flood"));
			flood.assertAccepted(COMMANDS_BURST, PER_SECOND);

			JsonNode refusal = flood.refusal();
			assertThat(refusal.get("status").asString()).isEqualTo("ERROR");
			assertThat(refusal.get("message").asString()).isEqualTo("Too many requests");
			assertThat(refusal.get("error").asString()).isEqualTo("Too many requests; slow down and retry later");
			assertThat(refusal.get("retryAfter").asInt()).isPositive();
			assertThat(this.refusals.seen()).contains(new RequestRateLimited(Surface.TCP, Scope.COMMANDS));
			assertThat(tcpRefusalsCounted()).as("chat.requests.rate.limited{transport=tcp}")
				.isGreaterThan(countedBefore);

			// Another connection from the same address has its own bucket.
			assertThat(bystander.requestError("register", "username", "flood").get("code").asString())
				.isEqualTo("MISSING_PARAMETER");
			// The flooder is slowed down, not cut off: once a request has refilled, it is answered.
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> flooder.request("register", "username", "flood").get("code").asString(),
						"MISSING_PARAMETER"::equals);
		}
	}

	@Test
	void aSessionSharesOneBucketOverAllItsConnectionsAndOverHttp() {
		TestUser user = this.server.newUser("shared");
		TestUser other = this.server.newUser("other");
		List<TcpClient> clients = List.of(this.server.lineClient(), this.server.lineClient(), this.server.lineClient());
		try {
			Flood flood = Flood.tcp((i) -> clients.get(i % clients.size()).request("inbox", "session", user.token()));
			flood.assertAccepted(COMMANDS_BURST, PER_SECOND);
			// Refused while no connection had used up its own bucket: the session's was empty.
			assertThat(flood.accepted() / clients.size() + 1).isLessThan(COMMANDS_BURST);

			// The same token over HTTP takes from the same, empty, bucket.
			HttpApi http = this.server.http();
			Flood overHttp = Flood.http((i) -> http.get("/api/files", user.token()));
			assertThat(overHttp.accepted()).isLessThanOrEqualTo(flood.refilledSinceStart(PER_SECOND));

			// Another session on one of those connections is not held back.
			clients.get(0).requestOk("inbox", "session", other.token());
		}
		finally {
			clients.forEach(TcpClient::close);
		}
	}

	@Test
	void messagesHaveTheirOwnStricterLimitOverTcp() {
		TestUser alice = this.server.newUser("chatty");
		TestUser bob = this.server.newUser("listener");
		try (TcpClient client = this.server.lineClient()) {
			Flood flood = Flood.tcp((i) -> client.request("send", "session", alice.token(), "destination",
					bob.username(), "message", "spam #" + i));
			flood.assertAccepted(MESSAGES_BURST, PER_SECOND);
			assertThat(flood.refusal().get("error").asString()).isEqualTo("Too many messages; slow down and retry later");
			assertThat(this.refusals.seen()).contains(new RequestRateLimited(Surface.TCP, Scope.MESSAGES));

			// Commands that deliver nothing are still within their (larger) limit.
			JsonNode inbox = client.requestOk("inbox", "session", bob.token());
			assertThat(inbox.get("messages").get(alice.username())).hasSize(flood.accepted());
			client.requestOk("inbox", "session", alice.token());
		}
	}

	@Test
	void aSessionFloodingTheRestApiGets429WithRetryAfter() {
		TestUser user = this.server.newUser("rest-flood");
		TestUser other = this.server.newUser("rest-calm");
		HttpApi http = this.server.http();
		Flood flood = Flood.http((i) -> http.get("/api/files", user.token()));
		flood.assertAccepted(COMMANDS_BURST, PER_SECOND);

		Result refused = flood.refusedResponse();
		JsonNode problem = assertProblem(refused, 429, RATE_LIMITED);
		assertThat(problem.get("detail").asString()).isEqualTo("Too many requests; slow down and retry later");
		long retryAfter = Long.parseLong(refused.header("Retry-After"));
		assertThat(retryAfter).isPositive();
		assertThat(problem.get("retryAfter").asLong()).isEqualTo(retryAfter);
		assertThat(this.refusals.seen()).contains(new RequestRateLimited(Surface.HTTP, Scope.COMMANDS));

		assertThat(http.get("/api/files", other.token()).status()).isEqualTo(200);
	}

	@Test
	void restMessagesHaveTheirOwnStricterLimit() {
		TestUser alice = this.server.newUser("rest-chatty");
		TestUser bob = this.server.newUser("rest-listener");
		HttpApi http = this.server.http();
		Flood flood = Flood.http((i) -> http.post("/api/messages", alice.token(),
				Map.of("to", bob.username(), "message", "spam #" + i)));
		flood.assertAccepted(MESSAGES_BURST, PER_SECOND);
		assertThat(assertProblem(flood.refusedResponse(), 429, RATE_LIMITED).get("detail").asString())
			.isEqualTo("Too many messages; slow down and retry later");
		assertThat(this.refusals.seen()).contains(new RequestRateLimited(Surface.HTTP, Scope.MESSAGES));
		assertThat(http.get("/api/files", alice.token()).status()).isEqualTo(200);
	}

	@Test
	void restEndpointsWithoutASessionAreLimitedPerClientAddress() {
		HttpApi flooder = this.server.http(ChatServer.uniqueAddress());
		// A login without a password: refused before any password check when not limited.
		Map<String, String> noPassword = Map.of("username", "someone");
		Flood flood = Flood.http((i) -> flooder.post("/api/sessions", null, noPassword));
		flood.assertAccepted(COMMANDS_BURST, PER_SECOND);
		assertProblem(flood.refusedResponse(), 429, RATE_LIMITED);

		// A made-up bearer token on an endpoint that takes none buys no fresh bucket.
		Flood withToken = Flood.http((i) -> flooder.post("/api/sessions", "made-up-token-" + i, noPassword));
		assertThat(withToken.accepted()).isLessThanOrEqualTo(flood.refilledSinceStart(PER_SECOND));

		// Another address is another client.
		assertProblem(this.server.http(ChatServer.uniqueAddress()).post("/api/sessions", null, noPassword), 400,
				"MISSING_PARAMETER");
	}

	/** Every flood-control refusal the server announced, for the metrics hook. */
	private double tcpRefusalsCounted() {
		return this.meters.get("chat.requests.rate.limited").tag("transport", "tcp").counter().count();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Refusals {

		private final Queue<RequestRateLimited> seen = new ConcurrentLinkedQueue<>();

		@EventListener
		void refused(RequestRateLimited event) {
			this.seen.add(event);
		}

		List<RequestRateLimited> seen() {
			return List.copyOf(this.seen);
		}

	}

	/** Requests sent one after another until the first refusal. */
	private record Flood(int accepted, JsonNode refusal, Result refusedResponse, long startedNanos,
			long refusedNanos) {

		private static final int MAX_REQUESTS = 300;

		static Flood tcp(IntFunction<JsonNode> request) {
			long started = System.nanoTime();
			for (int i = 0; i < MAX_REQUESTS; i++) {
				JsonNode answer = request.apply(i);
				if (answer.has("code") && RATE_LIMITED.equals(answer.get("code").asString())) {
					return new Flood(i, answer, null, started, System.nanoTime());
				}
			}
			throw new AssertionError("Not refused after " + MAX_REQUESTS + " requests");
		}

		static Flood http(IntFunction<Result> request) {
			long started = System.nanoTime();
			for (int i = 0; i < MAX_REQUESTS; i++) {
				Result answer = request.apply(i);
				if (answer.status() == 429) {
					return new Flood(i, answer.json(), answer, started, System.nanoTime());
				}
			}
			throw new AssertionError("Not refused after " + MAX_REQUESTS + " requests");
		}

		/** The whole burst, and no more than refilled while the flood ran. */
		void assertAccepted(int burst, int perSecond) {
			assertThat(this.accepted).isBetween(burst, burst + refilled(this.refusedNanos, perSecond));
		}

		/** Requests that can have refilled from the flood's start until now (rounded up). */
		int refilledSinceStart(int perSecond) {
			return refilled(System.nanoTime(), perSecond);
		}

		private int refilled(long until, int perSecond) {
			return (int) Math.ceilDiv((until - this.startedNanos) * perSecond, 1_000_000_000L);
		}

	}

}

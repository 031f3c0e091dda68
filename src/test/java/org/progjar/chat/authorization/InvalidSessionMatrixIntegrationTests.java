package org.progjar.chat.authorization;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.protocol.Command;
import org.progjar.chat.protocol.CommandSet;
import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.progjar.chat.testing.Problems.assertProblem;

/**
 * Every operation, over TCP and HTTP, refuses every kind of missing or dead credential: none, an
 * empty one, one that never existed, an expired one and a logged-out one. The operations are
 * checked against the command table, the web handler mappings and the endpoint table of
 * docs/rest.md, so one added without a row here fails this test. Each request is otherwise
 * valid and aimed at real data, and none of them changes anything.
 */
@ChatServerTest
@TestInstance(Lifecycle.PER_CLASS)
class InvalidSessionMatrixIntegrationTests {

	/** What needs no session: creating an account and logging in. */
	private static final Set<String> OPEN_COMMANDS = Set.of("register", "auth");

	private static final Set<String> OPEN_ENDPOINTS = Set.of("POST /api/users", "POST /api/sessions");

	private static final Pattern DOCUMENTED_ENDPOINT = Pattern.compile("^\\| `(GET|POST|PUT|DELETE) (/api/[^`?\\[]*)");

	@Autowired
	ChatServer server;

	@Autowired
	ApplicationContext context;

	@Autowired
	List<CommandSet> commandSets;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private Fixture fixture;

	private Map<String, Long> rowsBefore;

	@BeforeAll
	void createFixture() {
		this.fixture = new Fixture(this.server, this.context).share();
		this.rowsBefore = this.fixture.rowCounts();
	}

	@AfterAll
	void refusedRequestsChangedNothing() {
		assertThat(this.fixture.rowCounts()).isEqualTo(this.rowsBefore);
	}

	/** How the {@code session} parameter is wrong. */
	enum TcpSession {

		ABSENT, EMPTY, UNKNOWN, EXPIRED, LOGGED_OUT

	}

	/** How the {@code Authorization} header is wrong. */
	enum Credential {

		ABSENT, OTHER_SCHEME, EMPTY_BEARER, UNKNOWN, EXPIRED, LOGGED_OUT

	}

	record TcpRow(String command, Function<Fixture, List<String>> params) {

		@Override
		public String toString() {
			return this.command;
		}

	}

	record RestRow(String endpoint, Function<Fixture, HttpRequest.Builder> request) {

		@Override
		public String toString() {
			return this.endpoint;
		}

	}

	List<TcpRow> tcpRows() {
		// logout last: were a dead session ever accepted, it would end it for the rows after it
		return List.of(tcp("send", (f) -> List.of("destination", f.alice.username(), "message", "hi")),
				tcp("inbox"), tcp("inbox_listen"), tcp("history", (f) -> List.of("with", f.alice.username())),
				tcp("file_send", (f) -> List.of("username", f.alice.username(), "filename", "probe.txt", "payload",
						Fixture.PAYLOAD)),
				tcp("file_list"), tcp("file_get", (f) -> List.of("filename", Fixture.ALICE_FILE)),
				tcp("room_join", (f) -> List.of("roomname", f.room)), tcp("room_chat", (f) -> List.of("message", "hi")),
				tcp("room_send_file", (f) -> List.of("filename", "probe.txt", "payload", Fixture.PAYLOAD)),
				tcp("room_get_file", (f) -> List.of("filename", Fixture.ROOM_FILE)), tcp("room_leave"),
				tcp("room_history", (f) -> List.of("roomname", f.room)), tcp("room_list"),
				tcp("room_members", (f) -> List.of("roomname", f.room)), tcp("logout"));
	}

	List<RestRow> restRows() {
		return List.of(rest("GET /api/users/{username}", (f) -> get(f, "/api/users/" + f.alice.username())),
				rest("GET /api/me", (f) -> get(f, "/api/me")),
				rest("POST /api/messages",
						(f) -> json(f, "/api/messages", "{\"to\":\"" + f.alice.username() + "\",\"message\":\"hi\"}")),
				rest("POST /api/inbox", (f) -> f.http.request("/api/inbox", null).POST(BodyPublishers.noBody())),
				rest("GET /api/messages", (f) -> get(f, "/api/messages?with=" + f.alice.username())),
				rest("PUT /api/users/{username}/files/{filename}",
						(f) -> bytes(f, "/api/users/" + f.alice.username() + "/files/probe.txt")),
				rest("GET /api/files", (f) -> get(f, "/api/files")),
				rest("GET /api/files/{filename}", (f) -> get(f, "/api/files/" + Fixture.ALICE_FILE)),
				rest("GET /api/rooms", (f) -> get(f, "/api/rooms")),
				rest("PUT /api/rooms/{room}/members/me",
						(f) -> f.http.request(roomPath(f, "/members/me"), null).PUT(BodyPublishers.noBody())),
				rest("DELETE /api/rooms/{room}/members/me",
						(f) -> f.http.request(roomPath(f, "/members/me"), null).DELETE()),
				rest("GET /api/rooms/{room}/members", (f) -> get(f, roomPath(f, "/members"))),
				rest("POST /api/rooms/{room}/messages", (f) -> json(f, roomPath(f, "/messages"), "{\"message\":\"hi\"}")),
				rest("GET /api/rooms/{room}/messages", (f) -> get(f, roomPath(f, "/messages"))),
				rest("PUT /api/rooms/{room}/files/{filename}", (f) -> bytes(f, roomPath(f, "/files/probe.txt"))),
				rest("GET /api/rooms/{room}/files", (f) -> get(f, roomPath(f, "/files"))),
				rest("GET /api/rooms/{room}/files/{filename}", (f) -> get(f, roomPath(f, "/files/" + Fixture.ROOM_FILE))),
				rest("GET /api/events", (f) -> get(f, "/api/events").header("Accept", "text/event-stream")),
				rest("DELETE /api/sessions/current", (f) -> f.http.request("/api/sessions/current", null).DELETE()));
	}

	Stream<Arguments> tcpRowsAndSessions() {
		return tcpRows().stream().flatMap((row) -> Stream.of(TcpSession.values()).map((kind) -> Arguments.of(row, kind)));
	}

	Stream<Arguments> restRowsAndCredentials() {
		return restRows().stream().flatMap((row) -> Stream.of(Credential.values()).map((kind) -> Arguments.of(row, kind)));
	}

	@ParameterizedTest(name = "{0} with session {1}")
	@MethodSource("tcpRowsAndSessions")
	void everyTcpCommandRefusesABadSession(TcpRow row, TcpSession kind) {
		List<String> params = new ArrayList<>(row.params().apply(this.fixture));
		String token = switch (kind) {
			case ABSENT -> null;
			case EMPTY -> "";
			case UNKNOWN -> Fixture.UNKNOWN_TOKEN;
			case EXPIRED -> this.fixture.expiredToken;
			case LOGGED_OUT -> this.fixture.loggedOutToken;
		};
		if (token != null) {
			params.addAll(List.of("session", token));
		}
		boolean absent = kind == TcpSession.ABSENT || kind == TcpSession.EMPTY;
		for (TcpClient client : List.of(this.server.lineClient(), this.server.legacyClient())) {
			try (client) {
				JsonNode error = client.requestError(row.command(), params.toArray(String[]::new));
				assertThat(error.get("code").asString()).as("%s", error)
					.isEqualTo(absent ? "MISSING_PARAMETER" : "INVALID_SESSION");
				if (absent) {
					assertThat(error.get("error").asString()).isEqualTo("Parameter [session] is required");
				}
			}
		}
	}

	@ParameterizedTest(name = "{0} with {1} credential")
	@MethodSource("restRowsAndCredentials")
	void everyEndpointRefusesABadCredential(RestRow row, Credential kind) {
		HttpRequest.Builder request = row.request().apply(this.fixture);
		String header = switch (kind) {
			case ABSENT -> null;
			case OTHER_SCHEME -> "Basic " + Base64.getEncoder()
				.encodeToString((this.fixture.alice.username() + ":password123").getBytes(StandardCharsets.UTF_8));
			case EMPTY_BEARER -> "Bearer ";
			case UNKNOWN -> "Bearer " + Fixture.UNKNOWN_TOKEN;
			case EXPIRED -> "Bearer " + this.fixture.expiredToken;
			case LOGGED_OUT -> "Bearer " + this.fixture.loggedOutToken;
		};
		if (header != null) {
			request.header("Authorization", header);
		}

		HttpApi.Result result = sendBounded(request);

		assertProblem(result, 401, "INVALID_SESSION");
		assertThat(result.header("WWW-Authenticate")).isEqualTo("Bearer");
	}

	@Test
	void everyCommandOfTheCommandTableIsInTheMatrix() {
		Set<String> table = new TreeSet<>();
		this.commandSets.forEach((set) -> set.commands().stream().map(Command::name).forEach(table::add));
		Set<String> covered = new TreeSet<>(OPEN_COMMANDS);
		tcpRows().forEach((row) -> covered.add(row.command()));
		assertThat(covered).isEqualTo(table);
	}

	@Test
	void everyEndpointServedAndDocumentedIsInTheMatrix() throws IOException {
		Set<String> served = new TreeSet<>();
		this.mappings.getHandlerMethods().keySet().forEach((info) -> info.getPatternValues().stream()
			.filter((pattern) -> pattern.startsWith("/api/"))
			.forEach((pattern) -> info.getMethodsCondition().getMethods()
				.forEach((method) -> served.add(method.name() + " " + pattern))));
		Set<String> documented = new TreeSet<>();
		for (String line : Files.readAllLines(Path.of("docs", "rest.md"))) {
			Matcher endpoint = DOCUMENTED_ENDPOINT.matcher(line);
			if (endpoint.find()) {
				documented.add(endpoint.group(1) + " " + endpoint.group(2));
			}
		}
		Set<String> covered = new TreeSet<>(OPEN_ENDPOINTS);
		restRows().forEach((row) -> covered.add(row.endpoint()));

		assertThat(covered).isEqualTo(served).isEqualTo(documented);
	}

	/**
	 * The request's whole answer, or a failure after 30 s: were a dead token let through to the
	 * event stream, its body would never end (the client's own timeout covers only the headers).
	 */
	private HttpApi.Result sendBounded(HttpRequest.Builder request) {
		CompletableFuture<HttpResponse<byte[]>> response = this.fixture.http.client()
			.sendAsync(request.build(), BodyHandlers.ofByteArray());
		try {
			return new HttpApi.Result(response.get(30, TimeUnit.SECONDS));
		}
		catch (TimeoutException ex) {
			response.cancel(true);
			throw new AssertionError("No complete answer within 30 s: the request was let through", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	private static TcpRow tcp(String command) {
		return new TcpRow(command, (f) -> List.of());
	}

	private static TcpRow tcp(String command, Function<Fixture, List<String>> params) {
		return new TcpRow(command, params);
	}

	private static RestRow rest(String endpoint, Function<Fixture, HttpRequest.Builder> request) {
		return new RestRow(endpoint, request);
	}

	private static String roomPath(Fixture f, String rest) {
		return "/api/rooms/" + f.room + rest;
	}

	private static HttpRequest.Builder get(Fixture f, String path) {
		return f.http.request(path, null).GET();
	}

	private static HttpRequest.Builder json(Fixture f, String path, String body) {
		return f.http.request(path, null)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8));
	}

	private static HttpRequest.Builder bytes(Fixture f, String path) {
		return f.http.request(path, null)
			.header("Content-Type", "application/octet-stream")
			.PUT(BodyPublishers.ofByteArray(new byte[] { 1, 2, 3 }));
	}

}

package org.progjar.chat.user;

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

/** {@code POST /api/users}, and the shape every REST refusal shares, over real HTTP. */
@ChatServerTest
class UserApiIntegrationTests {

	@Autowired
	ChatServer server;

	@Test
	void theLocationOfANewUserAnswersWithItsProfile() {
		HttpApi api = this.server.http();
		TestUser reader = this.server.newUser("reader");
		String username = ChatServer.uniqueName("located");
		Result created = api.post("/api/users", null,
				Map.of("username", username, "password", "password123", "name", "Located", "nationality", "ID"));
		assertThat(created.status()).isEqualTo(201);
		JsonNode profile = api.get(created.header("Location"), reader.token()).json();
		assertThat(profile.get("username").asString()).isEqualTo(username);
		assertThat(profile.get("name").asString()).isEqualTo("Located");
		assertThat(profile.has("password")).isFalse();
		assertProblem(api.get("/api/users/" + ChatServer.uniqueName("nobody"), reader.token()), 404, "UNKNOWN_USER");
		assertProblem(api.get(created.header("Location"), null), 401, "INVALID_SESSION");
		// Spring's own failures carry the code's title too, not Spring's wording.
		JsonNode malformed = assertProblem(api.postRaw("/api/users", null, "application/json", "{not json"), 400,
				"MALFORMED_REQUEST");
		assertThat(malformed.get("title").asString()).isEqualTo("Malformed request");
	}

	@Test
	void registerAnswersWithTheProfileButNeverThePassword() {
		String username = ChatServer.uniqueName("rest-alam");
		Result created = http().post("/api/users", null, Map.of("username", username, "password", "s3cret-pass",
				"name", "Alam Cahya", "nationality", "Indonesia"));

		assertThat(created.status()).as(created.text()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/users/" + username);
		JsonNode user = created.json();
		assertThat(user.propertyNames()).containsExactlyInAnyOrder("username", "name", "nationality");
		assertThat(user.get("username").asString()).isEqualTo(username);
		assertThat(user.get("name").asString()).isEqualTo("Alam Cahya");
		assertThat(user.get("nationality").asString()).isEqualTo("Indonesia");
		assertThat(created.text()).doesNotContain("s3cret-pass");
	}

	@Test
	void aUserRegisteredOverRestLogsInOverTcp() {
		String username = ChatServer.uniqueName("rest-to-tcp");
		assertThat(http().post("/api/users", null, Map.of("username", username, "password", "s3cret-pass", "name",
				"Cross", "nationality", "Indonesia"))
			.status()).isEqualTo(201);
		try (TcpClient client = this.server.lineClient()) {
			client.requestOk("auth", "username", username, "password", "s3cret-pass");
		}
	}

	@Test
	void aTakenUsernameIsAConflictWhicheverTransportTookIt() {
		TestUser tcpUser = this.server.newUser("taken");
		Result conflict = http().post("/api/users", null, Map.of("username", tcpUser.username(), "password",
				"another-pass", "name", "Someone", "nationality", "Else"));

		JsonNode problem = assertProblem(conflict, 409, "USERNAME_TAKEN");
		assertThat(problem.get("detail").asString()).contains(tcpUser.username());
	}

	@Test
	void aMissingOrEmptyFieldIsNamedInTheRefusal() {
		Result missing = http().post("/api/users", null,
				Map.of("username", ChatServer.uniqueName("nonat"), "password", "s3cret-pass", "name", "N"));
		assertThat(assertProblem(missing, 400, "MISSING_PARAMETER").get("detail").asString())
			.isEqualTo("Parameter [nationality] is required");

		Result empty = http().post("/api/users", null, Map.of("username", "", "password", "s3cret-pass", "name", "N",
				"nationality", "X"));
		assertThat(assertProblem(empty, 400, "MISSING_PARAMETER").get("detail").asString()).contains("[username]");
	}

	@Test
	void theServicesValidationAppliesAsOverTcp() {
		Result shortPassword = http().post("/api/users", null,
				Map.of("username", ChatServer.uniqueName("shortpw"), "password", "short", "name", "N", "nationality", "X"));
		assertThat(assertProblem(shortPassword, 400, "INVALID_PARAMETER").get("detail").asString()).contains("at least 8");

		Result badName = http().post("/api/users", null,
				Map.of("username", "no spaces", "password", "s3cret-pass", "name", "N", "nationality", "X"));
		assertProblem(badName, 400, "INVALID_PARAMETER");
	}

	@Test
	void malformedJsonIsABadRequestThatRevealsNoInternals() {
		Result malformed = http().postRaw("/api/users", null, "application/json", "{\"username\": \"x\", ");
		assertProblem(malformed, 400, "MALFORMED_REQUEST");
		assertThat(malformed.text()).doesNotContain("jackson", "Unexpected end-of-input", "line: ");

		assertProblem(http().postRaw("/api/users", null, "application/json", "[1, 2]"), 400, "MALFORMED_REQUEST");
		assertProblem(http().postRaw("/api/users", null, "application/json", ""), 400, "MALFORMED_REQUEST");
	}

	@Test
	void aBodyThatIsNotJsonIsRefusedAsAProblemToo() {
		Result form = http().postRaw("/api/users", null, "application/x-www-form-urlencoded",
				"username=x&password=y&name=z&nationality=w");
		assertProblem(form, 415, "UNSUPPORTED_MEDIA_TYPE");
	}

	private HttpApi http() {
		return this.server.http();
	}
}

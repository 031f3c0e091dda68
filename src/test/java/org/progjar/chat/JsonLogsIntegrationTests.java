package org.progjar.chat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The json-logs profile: every console line is one JSON object, and none gives a secret away. */
@ChatServerTest
@ActiveProfiles({ "test", "json-logs" })
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	ChatServer server;

	@Test
	void logLinesAreEcsJsonWithoutPasswordsOrTokens(CapturedOutput output) {
		// Lines from before this context configured logging are another context's business.
		int start = output.getOut().length();
		String username = ChatServer.uniqueName("logged");
		String password = "pw-" + username + "-secret";
		String token;
		try (TcpClient client = this.server.lineClient()) {
			client.requestOk("register", "username", username, "password", password, "name", "Logged", "nationality",
					"Indonesia");
			token = client.requestOk("auth", "username", username, "password", password).get("tokenid").asString();
			client.requestOk("send", "session", token, "destination", username, "message", "a private text");
		}
		HttpApi api = this.server.http();
		String httpToken = api.post("/api/sessions", null, Map.of("username", username, "password", password))
			.json()
			.get("token")
			.asString();
		assertThat(api.delete("/api/sessions/current", httpToken).status()).isEqualTo(204);

		await().untilAsserted(() -> assertThat(output.getOut()).contains("User " + username + " logged out"));
		List<String> lines = output.getOut().substring(start).lines().filter((line) -> !line.isBlank()).toList();
		assertThat(lines).isNotEmpty();
		for (String line : lines) {
			JsonNode entry = json.readTree(line);
			assertThat(entry.has("@timestamp")).as(line).isTrue();
			assertThat(entry.has("log")).as(line).isTrue();
			assertThat(entry.has("message")).as(line).isTrue();
		}
		JsonNode registered = lines.stream()
			.map(json::readTree)
			.filter((entry) -> entry.get("message").asString().equals("Registered user " + username))
			.findFirst()
			.orElseThrow();
		assertThat(registered.get("log").get("level").asString()).isEqualTo("INFO");
		assertThat(registered.get("service").get("name").asString()).isEqualTo("chat-server");
		assertThat(registered.get("ecs").get("version").asString()).isNotBlank();
		assertThat(output.getAll()).doesNotContain(password, token, httpToken, "a private text");
	}

}

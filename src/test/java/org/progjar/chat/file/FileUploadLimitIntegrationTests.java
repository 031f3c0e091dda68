package org.progjar.chat.file;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi.Result;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload limit over REST, lowered to 1 KB: with the default 10 MB, Tomcat would give up
 * swallowing the unread rest of a refused body and reset the connection before the client
 * reads the 413.
 */
@ChatServerTest
@TestPropertySource(properties = "chat.files.max-size=1KB")
class FileUploadLimitIntegrationTests {

	@Autowired
	ChatServer server;

	@Test
	void aFileOfExactlyTheLimitIsAccepted() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		Result sent = upload(alice, bob, "full.bin", 1024);
		assertThat(sent.status()).as(sent.text()).isEqualTo(201);
		assertThat(sent.json().get("size").asLong()).isEqualTo(1024);
	}

	@Test
	void aBiggerFileIsRefusedAndNotStored() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		for (int size : new int[] { 1025, 256 * 1024 }) {
			Result refused = upload(alice, bob, "big.bin", size);
			assertThat(refused.status()).as("%d bytes: %s", size, refused.text()).isEqualTo(413);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			JsonNode problem = refused.json();
			assertThat(problem.get("code").asString()).isEqualTo("FILE_TOO_LARGE");
			assertThat(problem.get("status").asInt()).isEqualTo(413);
			assertThat(problem.get("title").asString()).isNotBlank();
			assertThat(problem.get("detail").asString()).isEqualTo("A file is at most 1024 bytes");
		}
		assertThat(this.server.http().get("/api/files", bob.token()).json().get("files")).isEmpty();
	}

	private Result upload(TestUser from, TestUser to, String filename, int size) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, (byte) 'x');
		return this.server.http()
			.put("/api/users/" + to.username() + "/files/" + filename, from.token(), bytes, "application/octet-stream");
	}

}

package org.progjar.chat.file;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;

import org.jspecify.annotations.Nullable;
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

/** Files over REST as raw bytes: send, list, fetch, and the same files as TCP sees them. */
@ChatServerTest
class FileApiIntegrationTests {

	private static final String OCTETS = "application/octet-stream";

	@Autowired
	ChatServer server;

	@Test
	void aFileIsSentListedAndFetchedByteForByte() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		byte[] bytes = randomBytes(100_000);
		Instant before = Instant.now().minusSeconds(1);

		Result sent = upload(alice, bob.username(), "photo.png", bytes);
		assertThat(sent.status()).as(sent.text()).isEqualTo(201);
		assertThat(sent.json().get("name").asString()).isEqualTo("photo.png");
		assertThat(sent.json().get("size").asLong()).isEqualTo(bytes.length);

		JsonNode files = http().get("/api/files", bob.token()).json().get("files");
		assertThat(files).hasSize(1);
		assertThat(files.get(0).get("name").asString()).isEqualTo("photo.png");
		assertThat(files.get(0).get("size").asLong()).isEqualTo(bytes.length);
		assertThat(files.get(0).get("from").asString()).isEqualTo(alice.username());
		assertThat(Instant.parse(files.get(0).get("sentAt").asString())).isBetween(before, Instant.now().plusSeconds(1));

		Result fetched = http().get("/api/files/photo.png", bob.token());
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.bytes()).isEqualTo(bytes);
		assertThat(fetched.header("Content-Type")).isEqualTo("image/png");
		assertThat(fetched.header("Content-Disposition")).startsWith("attachment;").contains("photo.png");
		assertThat(fetched.header("X-Content-Type-Options")).isEqualTo("nosniff");

		assertThat(http().get("/api/files", alice.token()).json().get("files")).isEmpty();
	}

	@Test
	void anOddNameIsEncodedInTheDispositionAndAnUnknownTypeIsOctets() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		String name = "résumé \"final\"; v2.pdf";
		assertThat(upload(alice, bob.username(), name, new byte[] { 1, 2, 3 }).status()).isEqualTo(201);
		assertThat(upload(alice, bob.username(), "notes.zzunknown", new byte[] { 4 }).status()).isEqualTo(201);

		Result pdf = http().get("/api/files/" + pathSegment(name), bob.token());
		assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
		assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
		assertThat(pdf.header("Content-Disposition")).startsWith("attachment;")
			.contains("filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%3B%20v2.pdf");

		// beyond Latin-1, the plain filename gets an ASCII stand-in and filename* the real name
		assertThat(upload(alice, bob.username(), "日本.txt", new byte[] { 5 }).status()).isEqualTo(201);
		assertThat(http().get("/api/files/" + pathSegment("日本.txt"), bob.token()).header("Content-Disposition"))
			.isEqualTo("attachment; filename=\"__.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt");

		Result unknown = http().get("/api/files/notes.zzunknown", bob.token());
		assertThat(unknown.header("Content-Type")).isEqualTo(OCTETS);
		assertThat(unknown.bytes()).containsExactly(4);
	}

	@Test
	void aFileSentOverTcpIsFetchedOverRestIdentically() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		byte[] bytes = randomBytes(20_000);
		try (TcpClient client = this.server.lineClient()) {
			client.requestOk("file_send", "session", alice.token(), "username", bob.username(), "filename", "tcp.bin",
					"payload", Base64.getEncoder().encodeToString(bytes));
		}
		Result fetched = http().get("/api/files/tcp.bin", bob.token());
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.bytes()).isEqualTo(bytes);
		assertThat(fetched.header("Content-Type")).isEqualTo(OCTETS);
	}

	@Test
	void aFileSentOverRestIsFetchedOverTcpIdentically() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		byte[] bytes = randomBytes(20_000);
		assertThat(upload(alice, bob.username(), "rest.bin", bytes).status()).isEqualTo(201);
		try (TcpClient client = this.server.lineClient()) {
			assertThat(client.requestOk("file_list", "session", bob.token()).get("files"))
				.extracting(JsonNode::asString)
				.containsExactly("rest.bin");
			JsonNode file = client.requestOk("file_get", "session", bob.token(), "filename", "rest.bin");
			assertThat(Base64.getDecoder().decode(file.get("payload").asString())).isEqualTo(bytes);
		}
	}

	@Test
	void anEmptyBodyIsAnEmptyFile() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		Result sent = http().putEmpty("/api/users/" + bob.username() + "/files/empty.txt", alice.token());
		assertThat(sent.status()).as(sent.text()).isEqualTo(201);
		assertThat(sent.json().get("size").asLong()).isZero();
		assertThat(http().get("/api/files/empty.txt", bob.token()).bytes()).isEmpty();
	}

	@Test
	void sendingIsRefusedForADuplicateAnUnknownRecipientOrABadName() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		assertThat(upload(alice, bob.username(), "a.txt", new byte[] { 1 }).status()).isEqualTo(201);

		JsonNode duplicate = assertProblem(upload(alice, bob.username(), "a.txt", new byte[] { 2 }), 409, "FILE_EXISTS");
		assertThat(duplicate.get("detail").asString()).contains("a.txt");
		assertThat(http().get("/api/files/a.txt", bob.token()).bytes()).containsExactly(1);

		assertProblem(upload(alice, "nobody-here", "a.txt", new byte[] { 1 }), 404, "UNKNOWN_USER");
		assertProblem(upload(alice, bob.username(), " padded.txt", new byte[] { 1 }), 400, "INVALID_PARAMETER");
		assertProblem(uploadAs(null, bob.username(), "b.txt", new byte[] { 1 }), 401, "INVALID_SESSION");
		assertProblem(uploadAs("bogus", bob.username(), "b.txt", new byte[] { 1 }), 401, "INVALID_SESSION");
	}

	@Test
	void aFormEncodedBodyIsRefusedRatherThanStoredMangled() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		Result form = http().put("/api/users/" + bob.username() + "/files/form.txt", alice.token(),
				"a=1&b=2".getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
		assertProblem(form, 415, "UNSUPPORTED_MEDIA_TYPE");
		assertThat(http().get("/api/files", bob.token()).json().get("files")).isEmpty();
	}

	@Test
	void onlyTheRecipientCanFetchAFile() {
		TestUser alice = this.server.newUser("alice");
		TestUser bob = this.server.newUser("bob");
		assertThat(upload(alice, bob.username(), "secret.txt", new byte[] { 1 }).status()).isEqualTo(201);

		JsonNode missing = assertProblem(http().get("/api/files/secret.txt", alice.token()), 404, "FILE_NOT_FOUND");
		assertThat(missing.get("detail").asString()).contains("secret.txt");
		assertProblem(http().get("/api/files/never-sent.txt", bob.token()), 404, "FILE_NOT_FOUND");
		assertProblem(http().get("/api/files/secret.txt", null), 401, "INVALID_SESSION");
	}

	private Result upload(TestUser from, String recipient, String filename, byte[] bytes) {
		return uploadAs(from.token(), recipient, pathSegment(filename), bytes);
	}

	private Result uploadAs(@Nullable String token, String recipient, String encodedFilename, byte[] bytes) {
		return http().put("/api/users/" + recipient + "/files/" + encodedFilename, token, bytes, OCTETS);
	}

	private static String pathSegment(String name) {
		return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	private HttpApi http() {
		return this.server.http();
	}
}

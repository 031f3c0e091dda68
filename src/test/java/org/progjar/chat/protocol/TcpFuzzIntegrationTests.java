package org.progjar.chat.protocol;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.protocol.framing.BlockFraming;
import org.progjar.chat.protocol.framing.FramingModel;
import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.Fuzz;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Garbage over real sockets, on both listeners: every message the framing cuts out of it gets
 * an ERROR with a documented code (never INTERNAL_ERROR), a message over the limit gets
 * MESSAGE_TOO_LARGE and a clean close, an ended stream gets a clean close, and the server
 * answers a valid request afterwards on the same connection (where it stays open) and on a new
 * one. The same limits as {@link BadInputIntegrationTests}, so both share one server.
 */
@ChatServerTest
@TestPropertySource(properties = { "chat.tcp.max-message-size=64KB", "chat.files.max-size=1KB",
		"chat.messages.max-length=100", "chat.tcp.max-parameters=8", "chat.tcp.outbound-queue=4" })
@TestMethodOrder(OrderAnnotation.class)
class TcpFuzzIntegrationTests {

	private static final int MAX_MESSAGE = 64 * 1024;

	private static final int BLOCK = BlockFraming.BLOCK_SIZE;

	private static volatile TestUser user;

	@Autowired
	ChatServer server;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	@Qualifier(TcpServerConfiguration.LINE_SERVER)
	TcpNetServerConnectionFactory lineServer;

	@Autowired
	@Qualifier(TcpServerConfiguration.LEGACY_SERVER)
	TcpNetServerConnectionFactory legacyServer;

	static LongStream seeds() {
		return Fuzz.seeds(200);
	}

	/** How the garbage ends: the connection kept open, half-closed, or a message over the limit. */
	private enum Ending {

		KEEP_OPEN, HALF_CLOSE, OVERSIZED

	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	@Order(1)
	void everyGarbageMessageGetsAnErrorOrACleanClose(long seed) {
		Random random = new Random(seed);
		boolean legacy = random.nextBoolean();
		Ending ending = Ending.values()[random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(2)];
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		for (int i = random.nextInt(4); i >= 0; i--) {
			wire.writeBytes(framed(legacy, Fuzz.garbage(random, Fuzz.length(random, 3000))));
		}
		switch (ending) {
			case HALF_CLOSE -> wire.writeBytes(Fuzz.garbageWithout(random, 1 + random.nextInt(BLOCK - 1),
					(b) -> b == '\n' || FramingModel.isPythonWhitespace(b)));
			case OVERSIZED -> wire.writeBytes(framed(legacy, Fuzz.garbageWithout(random,
					MAX_MESSAGE + 1 + random.nextInt(8 * 1024), FramingModel::isPythonWhitespace)));
			case KEEP_OPEN -> {
			}
		}
		byte[] bytes = wire.toByteArray();
		List<String> messages = legacy ? FramingModel.blocks(bytes, MAX_MESSAGE)
				: FramingModel.lines(bytes, MAX_MESSAGE);

		try (TcpClient client = legacy ? this.server.legacyClient() : this.server.lineClient()) {
			client.sendRaw(bytes);
			if (ending == Ending.HALF_CLOSE) {
				client.endOutput();
			}
			for (String message : messages) {
				JsonNode response = client.response();
				if (message.equals(FramingModel.TOO_LARGE)) {
					assertError(response, ErrorCode.MESSAGE_TOO_LARGE);
				}
				else {
					assertDocumentedError(response);
				}
			}
			if (ending == Ending.KEEP_OPEN) {
				client.requestOk("inbox", "session", user().token());
			}
			else {
				assertThat(client.atEndOfStream()).as("a clean close after %s", ending).isTrue();
			}
		}
		try (TcpClient fresh = legacy ? this.server.legacyClient() : this.server.lineClient()) {
			fresh.requestOk("inbox", "session", user().token());
		}
	}

	@Test
	@Order(2)
	void noConnectionIsLeftBehind() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.registry.size()).isZero();
			assertThat(this.lineServer.getOpenConnectionIds()).isEmpty();
			assertThat(this.legacyServer.getOpenConnectionIds()).isEmpty();
		});
	}

	/** As a client of that listener sends it: a line, or space-padded blocks ending in a short one. */
	private static byte[] framed(boolean legacy, byte[] message) {
		if (!legacy) {
			byte[] line = Arrays.copyOf(message, message.length + 1);
			line[message.length] = '\n';
			return line;
		}
		int blocks = message.length / BLOCK + 1;
		byte[] padded = Arrays.copyOf(message, blocks * BLOCK);
		Arrays.fill(padded, message.length, padded.length, (byte) ' ');
		return padded;
	}

	private static void assertDocumentedError(JsonNode response) {
		assertThat(response.get("status").asString()).as("%s", response).isEqualTo("ERROR");
		ErrorCode code = ErrorCode.valueOf(response.get("code").asString());
		assertThat(code).as("%s", response).isNotIn(ErrorCode.INTERNAL_ERROR, ErrorCode.MESSAGE_TOO_LARGE);
		assertError(response, code);
	}

	private static void assertError(JsonNode response, ErrorCode code) {
		assertThat(response.get("status").asString()).as("%s", response).isEqualTo("ERROR");
		assertThat(response.get("code").asString()).as("%s", response).isEqualTo(code.name());
		assertThat(response.get("message").asString()).isEqualTo(code.title());
		assertThat(response.get("error").asString()).isNotBlank().doesNotContain("Exception");
	}

	private TestUser user() {
		if (user == null) {
			user = this.server.newUser("fuzz");
		}
		return user;
	}

}

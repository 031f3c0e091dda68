package org.progjar.chat.protocol.framing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BlockFramingTests {

	private static final int BLOCK = BlockFraming.BLOCK_SIZE;

	private final BlockFraming framing = new BlockFraming(1024 * 1024);

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 1023, 1024, 1025, 2047, 2048, 2049 })
	void roundTrips(int length) throws IOException {
		byte[] message = content(length);
		byte[] wire = serialize(message);
		assertThat(wire.length % BLOCK).isZero();
		assertThat(this.framing.deserialize(new ByteArrayInputStream(wire))).isEqualTo(message);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1024, 2048 })
	void fullLastBlockIsFollowedByBlockOfSpaces(int length) throws IOException {
		byte[] wire = serialize(content(length));
		assertThat(wire).hasSize(length + BLOCK);
		assertThat(Arrays.copyOfRange(wire, length, wire.length)).containsOnly((byte) ' ');
	}

	@Test
	void roundTripsLargeJson() throws IOException {
		byte[] payload = new byte[75_000];
		new Random(7).nextBytes(payload);
		byte[] message = this.json.writeValueAsBytes(
				Map.of("status", "OK", "name", "photo.png", "payload", Base64.getEncoder().encodeToString(payload)));
		assertThat(message.length).isGreaterThan(100_000);
		assertThat(this.framing.deserialize(new ByteArrayInputStream(serialize(message)))).isEqualTo(message);
	}

	@Test
	void assemblesBlocksDeliveredOneByteAtATime() throws IOException {
		byte[] message = content(2500);
		InputStream in = new Chunked(serialize(message), new Random(1), 1);
		assertThat(this.framing.deserialize(in)).isEqualTo(message);
	}

	@Test
	void assemblesBlocksDeliveredInRandomChunks() throws IOException {
		byte[] first = content(3000);
		byte[] second = content(10);
		InputStream in = new Chunked(concat(serialize(first), serialize(second)), new Random(42), 700);
		assertThat(this.framing.deserialize(in)).isEqualTo(first);
		assertThat(this.framing.deserialize(in)).isEqualTo(second);
	}

	@Test
	void readsMessagesBackToBack() throws IOException {
		byte[] first = content(1024);
		byte[] second = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
		InputStream in = new ByteArrayInputStream(concat(serialize(first), serialize(second)));
		assertThat(this.framing.deserialize(in)).isEqualTo(first);
		assertThat(this.framing.deserialize(in)).isEqualTo(second);
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> this.framing.deserialize(in));
	}

	@Test
	void endOfStreamBeforeAnythingIsCleanClose() {
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> this.framing.deserialize(new ByteArrayInputStream(new byte[0])));
	}

	@Test
	void endOfStreamMidBlockEndsTheMessage() throws IOException {
		InputStream in = new ByteArrayInputStream("auth username=alam&password=s3cret\n".getBytes(StandardCharsets.UTF_8));
		assertThat(this.framing.deserialize(in)).asString().isEqualTo("auth username=alam&password=s3cret");
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> this.framing.deserialize(in));
	}

	@Test
	void endOfStreamAfterFullBlockEndsTheMessage() throws IOException {
		byte[] block = content(BLOCK);
		assertThat(this.framing.deserialize(new ByteArrayInputStream(block))).isEqualTo(block);
	}

	@Test
	void rejectsOverlongMessage() {
		BlockFraming small = new BlockFraming(2000);
		byte[] wire = serialize(small, content(2001));
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> small.deserialize(new ByteArrayInputStream(wire)))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(2000));
	}

	@Test
	void acceptsMessageOfExactlyMaxSize() throws IOException {
		BlockFraming small = new BlockFraming(2000);
		byte[] message = content(2000);
		assertThat(small.deserialize(new ByteArrayInputStream(serialize(small, message)))).isEqualTo(message);
	}

	@Test
	void readsLegacyClientRequest() throws IOException {
		String request = "auth username=alam&password=s3cret";
		byte[] block = new byte[BLOCK];
		Arrays.fill(block, (byte) ' ');
		byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(bytes, 0, block, 0, bytes.length);
		assertThat(this.framing.deserialize(new ByteArrayInputStream(block))).isEqualTo(bytes);
	}

	@Test
	void escapesSpacesThatWouldLandOnBlockEdges() {
		// {"m":" is 6 bytes: the message's spaces sit at offsets 1023 and 1024
		String text = "a".repeat(BLOCK - 1 - 6) + "  b" + "c".repeat(BLOCK - 4) + " d";
		byte[] message = ("{\"m\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
		assertThat(message[1023]).isEqualTo((byte) ' ');
		assertThat(message[1024]).isEqualTo((byte) ' ');

		byte[] wire = serialize(message);

		assertThat(new String(wire, 1023, 6, StandardCharsets.US_ASCII)).isEqualTo("\\u0020");
		for (int block = 0; block < wire.length / BLOCK - 1; block++) {
			assertThat(wire[block * BLOCK]).as("first byte of block %d", block).isNotEqualTo((byte) ' ');
			assertThat(wire[block * BLOCK + BLOCK - 1]).as("last byte of block %d", block).isNotEqualTo((byte) ' ');
		}
		assertThat(this.json.readTree(pythonReceive(wire))).isEqualTo(this.json.readTree(message));
	}

	@Test
	void largeJsonWithSpacesSurvivesTheOriginalReceiver() {
		Map<String, String> messages = new LinkedHashMap<>();
		Random random = new Random(3);
		for (int i = 0; i < 2000; i++) {
			messages.put("k" + i, " ".repeat(random.nextInt(3)) + "halo semua " + " ".repeat(random.nextInt(40)));
		}
		byte[] message = this.json.writeValueAsBytes(messages);
		assertThat(message.length).isGreaterThan(50_000);
		assertThat(this.json.readTree(pythonReceive(serialize(message)))).isEqualTo(this.json.readTree(message));
	}

	/**
	 * The original smartconn.py receiver: 1024-byte blocks, each rstrip()ed, until a short one.
	 */
	private static byte[] pythonReceive(byte[] wire) {
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		for (int offset = 0; offset < wire.length; offset += BLOCK) {
			int end = offset + BLOCK;
			while (end > offset && isPythonSpace(wire[end - 1])) {
				end--;
			}
			message.write(wire, offset, end - offset);
			if (end - offset < BLOCK) {
				return message.toByteArray();
			}
		}
		throw new AssertionError("No short block: the original receiver would still be waiting");
	}

	private static boolean isPythonSpace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r';
	}

	private byte[] serialize(byte[] message) {
		return serialize(this.framing, message);
	}

	private static byte[] serialize(BlockFraming framing, byte[] message) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			framing.serialize(message, out);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * Compact JSON-like bytes with no whitespace, so a round trip is byte-exact.
	 */
	private static byte[] content(int length) {
		byte[] bytes = new byte[length];
		String alphabet = "{\"msg\":[1,2],\"x\":\"abc\\\"def\"}";
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) alphabet.charAt(i % alphabet.length());
		}
		return bytes;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/**
	 * What TCP may do to a block: hand it over in pieces of 1 to maxChunk bytes.
	 */
	private static final class Chunked extends InputStream {

		private final ByteArrayInputStream delegate;

		private final Random random;

		private final int maxChunk;

		Chunked(byte[] content, Random random, int maxChunk) {
			this.delegate = new ByteArrayInputStream(content);
			this.random = random;
			this.maxChunk = maxChunk;
		}

		@Override
		public int read() {
			return this.delegate.read();
		}

		@Override
		public int read(byte[] b, int off, int len) {
			return this.delegate.read(b, off, Math.min(len, 1 + this.random.nextInt(this.maxChunk)));
		}

	}

}

package org.progjar.chat.protocol.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.progjar.chat.testing.Fuzz;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Properties of the legacy block framing over random and adversarial bytes: it cuts any stream
 * as the original receiver would, however TCP splits it (at every offset, in any chunks, ending
 * mid-block), fails only with the documented exceptions, and what it writes parses back to the
 * same JSON on both its own reader and the original {@code smartconn.py} one.
 */
class BlockFramingFuzzTests {

	private static final int BLOCK = BlockFraming.BLOCK_SIZE;

	private static final int[] LIMITS = { 1, 100, 1023, 1024, 1025, 2048, 4096, 1 << 20 };

	private static final int[] JSON_LENGTHS = { 1023, 1024, 1025, 2047, 2048, 2049, 3072, 3073 };

	private final JsonMapper json = JsonMapper.builder().build();

	static LongStream seeds() {
		return Fuzz.seeds(200);
	}

	static LongStream fewSeeds() {
		return Fuzz.seeds(5);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void cutsAnyStreamAsDocumented(long seed) throws IOException {
		Random random = new Random(seed);
		int max = LIMITS[random.nextInt(LIMITS.length)];
		byte[] input = withWhitespaceAtBlockEdges(random, Fuzz.garbage(random, Fuzz.length(random, 5 * BLOCK)));
		InputStream in = FramingModel.chunked(input, random, 1 + random.nextInt(2 * BLOCK));

		assertThat(FramingModel.drain(new BlockFraming(max), in)).isEqualTo(FramingModel.blocks(input, max));
	}

	/** Partial blocks, blocks in two pieces: wherever the stream is cut, the messages are the same. */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("fewSeeds")
	void cutsTheSameWhereverTheBlocksAreSplit(long seed) throws IOException {
		Random random = new Random(seed);
		BlockFraming framing = new BlockFraming(1 << 20);
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		framing.serialize(compactJson(random, JSON_LENGTHS[random.nextInt(JSON_LENGTHS.length)]), wire);
		framing.serialize(compactJson(random, random.nextInt(300)), wire);
		// and a last message cut short by the end of the stream
		wire.writeBytes(Fuzz.garbage(random, 1 + random.nextInt(BLOCK + 100)));
		byte[] input = wire.toByteArray();
		List<String> expected = FramingModel.blocks(input, 1 << 20);

		for (int offset = 0; offset <= input.length; offset++) {
			assertThat(FramingModel.drain(framing, FramingModel.splitAt(input, offset))).as("split at %d", offset)
				.isEqualTo(expected);
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void writesJsonThatBothReceiversReadBackTheSame(long seed) throws IOException {
		Random random = new Random(seed);
		int length = (random.nextBoolean()) ? JSON_LENGTHS[random.nextInt(JSON_LENGTHS.length)]
				: random.nextInt(5 * BLOCK);
		byte[] message = compactJson(random, length);
		BlockFraming framing = new BlockFraming(1 << 20);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		framing.serialize(message, out);
		byte[] wire = out.toByteArray();

		assertThat(wire.length % BLOCK).isZero();
		for (int start = 0; start + BLOCK < wire.length; start += BLOCK) {
			assertThat(wire[start]).as("first byte of the block at %d", start).isNotEqualTo((byte) ' ');
			assertThat(wire[start + BLOCK - 1]).as("last byte of the block at %d", start).isNotEqualTo((byte) ' ');
		}
		List<String> original = FramingModel.blocks(wire, Integer.MAX_VALUE);
		assertThat(original).as("the original receiver reads one message").hasSize(1);
		assertThat(this.json.readTree(original.get(0).substring("frame:".length()).getBytes(StandardCharsets.ISO_8859_1)))
			.isEqualTo(this.json.readTree(message));
		InputStream in = FramingModel.chunked(wire, random, 1 + random.nextInt(2 * BLOCK));
		assertThat(this.json.readTree(framing.deserialize(in))).isEqualTo(this.json.readTree(message));
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> framing.deserialize(in));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void givesMessagesWithoutWhitespaceBackByteForByte(long seed) throws IOException {
		Random random = new Random(seed);
		int max = LIMITS[random.nextInt(LIMITS.length)];
		BlockFraming framing = new BlockFraming(max);
		List<byte[]> messages = new ArrayList<>();
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		for (int i = random.nextInt(4); i >= 0; i--) {
			byte[] message = Fuzz.garbageWithout(random, Math.min(Fuzz.length(random, max), max),
					FramingModel::isPythonWhitespace);
			messages.add(message);
			framing.serialize(message, wire);
		}
		InputStream in = FramingModel.chunked(wire.toByteArray(), random, 1 + random.nextInt(2 * BLOCK));

		for (byte[] message : messages) {
			assertThat(framing.deserialize(in)).isEqualTo(message);
		}
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> framing.deserialize(in));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void takesExactlyTheLimitAndRefusesOneByteMore(long seed) throws IOException {
		Random random = new Random(seed);
		int max = 1 + random.nextInt(4 * BLOCK);
		BlockFraming framing = new BlockFraming(max);
		byte[] atLimit = Fuzz.garbageWithout(random, max, FramingModel::isPythonWhitespace);
		byte[] overLimit = Fuzz.garbageWithout(random, max + 1, FramingModel::isPythonWhitespace);

		assertThat(framing.deserialize(FramingModel.chunked(serialize(framing, atLimit), random, BLOCK)))
			.isEqualTo(atLimit);
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> framing.deserialize(FramingModel.chunked(serialize(framing, overLimit), random, BLOCK)))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(max));
	}

	/**
	 * Memory stays bounded: a message that never ends is refused within one block past the
	 * limit, not read (and buffered) to its end.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void refusesAMessageThatNeverEndsWithinTheLimit(long seed) {
		Random random = new Random(seed);
		int max = 1 + random.nextInt(64 * 1024);
		FramingModel.Endless endless = new FramingModel.Endless(random, "ab\0%&=\u00ff", (long) max + BLOCK);

		assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> new BlockFraming(max).deserialize(endless))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(max));
		assertThat(endless.bytesRead()).isGreaterThan(max).isLessThanOrEqualTo((long) max + BLOCK);
	}

	/**
	 * Compact JSON of at least {@code length} bytes (exactly, when it can be padded to it) with
	 * strings full of spaces, control characters and non-ASCII text, as Jackson writes replies.
	 */
	private byte[] compactJson(Random random, int length) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("status", "OK");
		for (int i = random.nextInt(4); i > 0; i--) {
			fields.put(Fuzz.text(random, 1 + random.nextInt(5)), Fuzz.text(random, random.nextInt(200)));
		}
		StringBuilder padding = new StringBuilder();
		fields.put("pad", "");
		byte[] bytes = this.json.writeValueAsBytes(fields);
		while (bytes.length < length) {
			// one byte each: spaces are what the block edges must survive
			for (int i = bytes.length; i < length; i++) {
				padding.append(random.nextInt(3) == 0 ? 'a' : ' ');
			}
			fields.put("pad", padding.toString());
			bytes = this.json.writeValueAsBytes(fields);
		}
		return bytes;
	}

	private static byte[] withWhitespaceAtBlockEdges(Random random, byte[] input) {
		String whitespace = " \t\n\u000b\f\r";
		for (int edge = BLOCK - 1; edge < input.length; edge += BLOCK) {
			if (random.nextBoolean()) {
				input[edge] = (byte) whitespace.charAt(random.nextInt(whitespace.length()));
			}
		}
		return input;
	}

	private static byte[] serialize(BlockFraming framing, byte[] message) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		framing.serialize(message, out);
		return out.toByteArray();
	}

}

package org.progjar.chat.protocol.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.progjar.chat.testing.Fuzz;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Properties of the line framing over random and adversarial bytes: it cuts any stream exactly
 * as documented, however TCP splits it, fails only with the two documented exceptions, gives
 * every message back unchanged, and refuses an overlong line within its limit.
 */
class LineFramingFuzzTests {

	private static final int[] LIMITS = { 1, 2, 16, 1023, 1024, 1025, 4096 };

	static LongStream seeds() {
		return Fuzz.seeds(200);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void cutsAnyStreamAsDocumented(long seed) throws IOException {
		Random random = new Random(seed);
		int max = LIMITS[random.nextInt(LIMITS.length)];
		byte[] input = Fuzz.garbage(random, Fuzz.length(random, 4096));
		InputStream in = FramingModel.chunked(input, random, 1 + random.nextInt(64));

		assertThat(FramingModel.drain(new LineFraming(max), in)).isEqualTo(FramingModel.lines(input, max));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void givesEveryMessageBackUnchanged(long seed) throws IOException {
		Random random = new Random(seed);
		int max = LIMITS[random.nextInt(LIMITS.length)];
		LineFraming framing = new LineFraming(max);
		List<byte[]> messages = new ArrayList<>();
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		for (int i = random.nextInt(5); i >= 0; i--) {
			byte[] message = validMessage(random, Math.min(Fuzz.length(random, max), max));
			messages.add(message);
			framing.serialize(message, wire);
		}
		InputStream in = FramingModel.chunked(wire.toByteArray(), random, 1 + random.nextInt(2048));

		for (byte[] message : messages) {
			assertThat(framing.deserialize(in)).isEqualTo(message);
		}
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> framing.deserialize(in));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void takesExactlyTheLimitAndRefusesOneByteMore(long seed) throws IOException {
		Random random = new Random(seed);
		int max = 1 + random.nextInt(3 * 1024);
		LineFraming framing = new LineFraming(max);
		byte[] atLimit = validMessage(random, max);
		String ending = random.nextBoolean() ? "\r\n" : "\n";

		assertThat(framing.deserialize(FramingModel.chunked(concat(atLimit, ending.getBytes(StandardCharsets.US_ASCII)), random, 512)))
			.isEqualTo(atLimit);
		byte[] overLimit = concat(validMessage(random, max + 1), ending.getBytes(StandardCharsets.US_ASCII));
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> framing.deserialize(FramingModel.chunked(overLimit, random, 512)))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(max));
	}

	/**
	 * Memory stays bounded: a line that never ends is refused after at most the limit plus the
	 * held-back CR and the byte after it, not read (and buffered) to its end.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void refusesALineThatNeverEndsWithinTheLimit(long seed) {
		Random random = new Random(seed);
		int max = 1 + random.nextInt(64 * 1024);
		FramingModel.Endless endless = new FramingModel.Endless(random, "ab \r\0%&=\u00ff", max + 2L);

		assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> new LineFraming(max).deserialize(endless))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(max));
		assertThat(endless.bytesRead()).isBetween(max + 1L, max + 2L);
	}

	/** Any bytes but LF, not ending in a CR (which the LF after it would take along). */
	private static byte[] validMessage(Random random, int length) {
		byte[] message = Fuzz.garbageWithout(random, length, (b) -> b == '\n');
		if (length > 0 && message[length - 1] == '\r') {
			message[length - 1] = 'x';
		}
		return message;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}

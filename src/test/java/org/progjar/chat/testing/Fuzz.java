package org.progjar.chat.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Random and adversarial input for the fuzz tests. Every try gets its own seed, shown in the
 * test's name; {@code -Dfuzz.seed=N} replays exactly that try, {@code -Dfuzz.tries=N} changes
 * how many tries each property gets. Without them every build tries new input.
 * <p>
 * The input leans towards what breaks parsers: NULs, lone CRs, LFs, whitespace at block edges,
 * {@code %}-escapes (complete, truncated, nested, with non-hex or non-ASCII digits), form
 * separators, and UTF-8 that is valid, truncated, overlong or a surrogate.
 */
public final class Fuzz {

	private static final String SEED = "fuzz.seed";

	private static final String TRIES = "fuzz.tries";

	private static final byte[][] TOKENS = tokens("\0", "\r", "\n", "\r\n", " ", "\t", "\u000b", "\f", "%", "&", "=",
			"+", "%25", "%2525", "%0A", "%0D", "%00", "%FF", "%C3", "%C3%A9", "%ZZ", "%4", "%+1", "%-1", "% 1",
			"%\u0661\u0661", "%\uff11\uff11", "session=", "&&", "==", "inbox ", "room_chat ", "é", "日本", "😀");

	private static final byte[][] BAD_UTF8 = { { (byte) 0x80 }, { (byte) 0xBF }, { (byte) 0xC0, (byte) 0xAF },
			{ (byte) 0xC3 }, { (byte) 0xE2, (byte) 0x82 }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
			{ (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, { (byte) 0xF5 }, { (byte) 0xFE }, { (byte) 0xFF } };

	private Fuzz() {
	}

	/** The seeds of one property's tries: the one of {@code -Dfuzz.seed}, or fresh ones. */
	public static LongStream seeds(int defaultTries) {
		String replay = System.getProperty(SEED);
		if (replay != null && !replay.isBlank()) {
			return LongStream.of(Long.parseLong(replay.strip()));
		}
		int tries = Integer.getInteger(TRIES, defaultTries);
		return new SplittableRandom().longs(tries);
	}

	/** {@code length} bytes of mixed garbage: random bytes, ASCII, and the tokens above. */
	public static byte[] garbage(Random random, int length) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(length + 8);
		while (out.size() < length) {
			switch (random.nextInt(5)) {
				case 0 -> out.write(random.nextInt(256));
				case 1 -> out.write(0x21 + random.nextInt(0x5e));
				case 2 -> out.writeBytes(TOKENS[random.nextInt(TOKENS.length)]);
				case 3 -> out.writeBytes(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
				default -> out.writeBytes(text(random, 1 + random.nextInt(8)).getBytes(StandardCharsets.UTF_8));
			}
		}
		byte[] bytes = out.toByteArray();
		return (bytes.length == length) ? bytes : Arrays.copyOf(bytes, length);
	}

	/** Garbage with every {@code excluded} byte replaced by {@code 'x'}. */
	public static byte[] garbageWithout(Random random, int length, BytePredicate excluded) {
		byte[] bytes = garbage(random, length);
		for (int i = 0; i < bytes.length; i++) {
			if (excluded.test(bytes[i])) {
				bytes[i] = 'x';
			}
		}
		return bytes;
	}

	/**
	 * Valid text of {@code length} code points: ASCII, form-special characters, control
	 * characters, Latin, CJK, emoji (two chars each) and unusual whitespace. No lone surrogates:
	 * they have no UTF-8 form, so they cannot travel.
	 */
	public static String text(Random random, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int codePoint = switch (random.nextInt(8)) {
				case 0 -> random.nextInt(0x20);
				case 1 -> " %&=+;#?/\\\"'".charAt(random.nextInt(12));
				case 2 -> 0xa0 + random.nextInt(0x100);
				case 3 -> 0x4e00 + random.nextInt(0x5000);
				case 4 -> 0x1f600 + random.nextInt(0x50);
				case 5 -> "\u0085\u00a0\u2003\u2028\u3000\ufeff\u0661\uff11".charAt(random.nextInt(8));
				default -> 0x20 + random.nextInt(0x5f);
			};
			text.appendCodePoint(codePoint);
		}
		return text.toString();
	}

	/** A length near an interesting edge (around 1024-byte blocks and the limit) or anywhere up to {@code max}. */
	public static int length(Random random, int max) {
		int[] edges = { 0, 1, 2, 1022, 1023, 1024, 1025, 1026, 2047, 2048, 2049, 3072, max - 1, max, max + 1 };
		int length = (random.nextInt(3) == 0) ? edges[random.nextInt(edges.length)] : random.nextInt(max + 2);
		return Math.max(0, length);
	}

	private static byte[][] tokens(String... tokens) {
		byte[][] bytes = new byte[tokens.length][];
		for (int i = 0; i < tokens.length; i++) {
			bytes[i] = tokens[i].getBytes(StandardCharsets.UTF_8);
		}
		return bytes;
	}

	@FunctionalInterface
	public interface BytePredicate {

		boolean test(byte b);

	}

}

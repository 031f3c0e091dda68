package org.progjar.chat.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.testing.Fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Properties of the request parser over random and adversarial input: any bytes give a request
 * or one of the two documented refusals; what {@code urlencode} writes decodes back to the same
 * parameters; escapes decode exactly one level; every malformed escape and every request over
 * the parameter limit is refused, however large.
 */
class RequestParserFuzzTests {

	private static final int MAX_PARAMETERS = 64;

	private static final List<String> REFUSALS = List.of("Empty request",
			"Malformed %-escape in the request parameters", "Too many parameters (at most " + MAX_PARAMETERS + ")");

	private final RequestParser parser = new RequestParser(MAX_PARAMETERS);

	static LongStream seeds() {
		return Fuzz.seeds(200);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void parsesAnyBytesOrRefusesThemAsDocumented(long seed) {
		Random random = new Random(seed);
		byte[] garbage = Fuzz.garbage(random, Fuzz.length(random, 4096));
		byte[] message = random.nextBoolean() ? concat("inbox ".getBytes(StandardCharsets.US_ASCII), garbage) : garbage;

		ChatException refused = catchThrowableOfType(ChatException.class, () -> {
			Request request = this.parser.parse(message);
			assertThat(request.command()).isNotEmpty().doesNotContain(" ").isEqualTo(request.command().strip());
			assertThat(request.params()).hasSizeLessThanOrEqualTo(MAX_PARAMETERS);
			assertThat(request.params().values()).doesNotContainNull();
		});
		if (refused != null) {
			assertThat(refused.code()).isIn(ErrorCode.UNKNOWN_COMMAND, ErrorCode.MALFORMED_REQUEST);
			// written for humans, and never an echo of the input
			assertThat(refused.detail()).isIn(REFUSALS);
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void decodesWhatUrlencodeWrites(long seed) {
		Random random = new Random(seed);
		String command = commandWord(random);
		Map<String, String> params = new LinkedHashMap<>();
		int count = random.nextInt(MAX_PARAMETERS + 1);
		while (params.size() < count) {
			params.putIfAbsent(Fuzz.text(random, 1 + random.nextInt(10)), Fuzz.text(random, random.nextInt(60)));
		}
		StringJoiner query = new StringJoiner("&");
		params.forEach((key, value) -> {
			query.add(encode(key) + "=" + encode(value));
			if (random.nextInt(8) == 0) {
				query.add("");
			}
		});
		String request = pick(random, "", "  ", "\t") + command + " " + pick(random, "", "  ") + query
				+ pick(random, "", " ", "\r");

		Request parsed = parse(request);

		assertThat(parsed.command()).isEqualTo(command);
		assertThat(parsed.params()).containsExactlyEntriesOf(params);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void takesTheFirstOfRepeatedKeys(long seed) {
		Random random = new Random(seed);
		String key = Fuzz.text(random, 1 + random.nextInt(5));
		List<String> values = new ArrayList<>();
		StringJoiner query = new StringJoiner("&");
		for (int i = 1 + random.nextInt(MAX_PARAMETERS - 1); i > 0; i--) {
			String value = Fuzz.text(random, random.nextInt(20));
			values.add(value);
			query.add(encode(key) + "=" + encode(value));
		}

		assertThat(parse("send " + query).params()).containsExactly(Map.entry(key, values.get(0)));
	}

	/** Only non-empty pairs count, repeated keys included; a flood of them is refused all the same. */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void refusesEveryRequestOverTheParameterLimit(long seed) {
		Random random = new Random(seed);
		int count = random.nextBoolean() ? random.nextInt(2 * MAX_PARAMETERS) : random.nextInt(20_000);
		StringBuilder query = new StringBuilder();
		for (int i = 0; i < count; i++) {
			query.append("&".repeat(random.nextInt(3)));
			query.append(random.nextBoolean() ? "k" + random.nextInt(10) : "k" + i).append(random.nextBoolean() ? "=v" : "");
			query.append('&');
		}
		String request = "send " + query;

		if (count <= MAX_PARAMETERS) {
			assertThat(parse(request).params()).hasSizeLessThanOrEqualTo(count);
		}
		else {
			assertRefused(request, ErrorCode.MALFORMED_REQUEST);
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void decodesNestedEscapesExactlyOneLevel(long seed) {
		Random random = new Random(seed);
		String value = Fuzz.text(random, 1 + random.nextInt(20));
		int depth = 1 + random.nextInt(12);
		String once = value;
		for (int i = 1; i < depth; i++) {
			once = encode(once);
		}

		assertThat(parse("send m=" + encode(once)).param("m")).isEqualTo(once);
	}

	/** Bytes that are not UTF-8, raw or %-escaped, become U+FFFD; what surrounds them survives. */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void toleratesInvalidUtf8(long seed) {
		Random random = new Random(seed);
		byte[][] invalid = { { (byte) 0x80 }, { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xC3 },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF5 }, { (byte) 0xFF } };
		byte[] bad = invalid[random.nextInt(invalid.length)];
		String before = Fuzz.text(random, random.nextInt(10));
		String after = "z" + Fuzz.text(random, random.nextInt(10));
		byte[] value = random.nextBoolean() ? bad : percentEscaped(bad);
		byte[] request = concat(concat(("send m=" + encode(before)).getBytes(StandardCharsets.UTF_8), value),
				encode(after).getBytes(StandardCharsets.UTF_8));

		String decoded = this.parser.parse(request).param("m");

		assertThat(decoded).startsWith(before).endsWith(after).contains("\uFFFD");
	}

	/**
	 * A {@code %} not followed by two hex digits (ASCII ones: a sign, a space or a digit of
	 * another script is no hex digit) is a malformed escape, wherever it stands.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void refusesEveryMalformedEscape(long seed) {
		Random random = new Random(seed);
		String notHex = "GZgz+-% .\u0661\uff11\u00e9";
		String hex = "0123456789abcdefABCDEF";
		String escape = switch (random.nextInt(4)) {
			case 0 -> "%";
			case 1 -> "%" + hex.charAt(random.nextInt(hex.length()));
			case 2 -> "%" + notHex.charAt(random.nextInt(notHex.length())) + hex.charAt(random.nextInt(hex.length()));
			default -> "%" + hex.charAt(random.nextInt(hex.length())) + notHex.charAt(random.nextInt(notHex.length()));
		};
		boolean atEnd = escape.length() < 3 || random.nextBoolean();
		String value = encode(Fuzz.text(random, random.nextInt(10))) + escape
				+ (atEnd ? "" : encode(Fuzz.text(random, 1 + random.nextInt(10))));
		String request = random.nextBoolean() ? "send m=" + value + "&n=1" : "send " + value + "=1";

		assertRefused(request, ErrorCode.MALFORMED_REQUEST);
	}

	private Request parse(String request) {
		return this.parser.parse(request.getBytes(StandardCharsets.UTF_8));
	}

	private void assertRefused(String request, ErrorCode code) {
		assertThatExceptionOfType(ChatException.class).as("%s", request)
			.isThrownBy(() -> parse(request))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(code))
			.satisfies((ex) -> assertThat(ex.detail()).isIn(REFUSALS));
	}

	/** A command word: anything without whitespace, which ends it. */
	private static String commandWord(Random random) {
		StringBuilder word = new StringBuilder();
		while (word.isEmpty()) {
			Fuzz.text(random, 1 + random.nextInt(12))
				.codePoints()
				.filter((c) -> !Character.isWhitespace(c) && c != ' ')
				.forEach(word::appendCodePoint);
		}
		return word.toString();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static byte[] percentEscaped(byte[] bytes) {
		StringBuilder escaped = new StringBuilder();
		for (byte b : bytes) {
			escaped.append('%').append(String.format("%02X", b & 0xff));
		}
		return escaped.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static String pick(Random random, String... choices) {
		return choices[random.nextInt(choices.length)];
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}

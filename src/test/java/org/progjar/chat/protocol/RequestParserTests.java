package org.progjar.chat.protocol;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class RequestParserTests {

	private final RequestParser parser = new RequestParser(8);

	@Test
	void parsesRegisterExample() {
		Request request = parse("register username=alam&password=s3cret&name=Alam+Cahya&nationality=Indonesia");
		assertThat(request.command()).isEqualTo("register");
		assertThat(request.params()).containsExactly(entry("username", "alam"), entry("password", "s3cret"),
				entry("name", "Alam Cahya"), entry("nationality", "Indonesia"));
		assertThat(request.param("name")).isEqualTo("Alam Cahya");
		assertThat(request.param("missing")).isNull();
	}

	@Test
	void parsesAuthExample() {
		Request request = parse("auth username=alam&password=s3cret");
		assertThat(request.command()).isEqualTo("auth");
		assertThat(request.params()).containsExactly(entry("username", "alam"), entry("password", "s3cret"));
	}

	@Test
	void decodesPercentEscapes() {
		assertThat(parse("room_chat message=halo+semua%21&session=Zx8").param("message")).isEqualTo("halo semua!");
	}

	@Test
	void decodesUtf8Escapes() {
		assertThat(parse("send message=caf%C3%A9").param("message")).isEqualTo("café");
	}

	@Test
	void keepsEncodedPlusAsPlus() {
		assertThat(parse("send message=1%2B1+%3D+2").param("message")).isEqualTo("1+1 = 2");
	}

	@Test
	void firstOfRepeatedKeysWins() {
		assertThat(parse("auth username=first&username=second").params()).containsExactly(entry("username", "first"));
	}

	@Test
	void parsesCommandWithoutParameters() {
		Request request = parse("logout");
		assertThat(request.command()).isEqualTo("logout");
		assertThat(request.params()).isEmpty();
	}

	@Test
	void pairWithoutEqualsIsKeyWithEmptyValue() {
		assertThat(parse("inbox session&x=1").params()).containsExactly(entry("session", ""), entry("x", "1"));
	}

	@Test
	void skipsEmptyPairs() {
		assertThat(parse("inbox &a=1&&b=2&").params()).containsExactly(entry("a", "1"), entry("b", "2"));
	}

	@Test
	void trimsSurroundingWhitespace() {
		Request request = parse("  inbox   session=abc \r\n");
		assertThat(request.command()).isEqualTo("inbox");
		assertThat(request.params()).containsExactly(entry("session", "abc"));
	}

	/** The original split on spaces and stripped the command word, so other whitespace before the space goes too. */
	@Test
	void stripsOtherWhitespaceBeforeTheFirstSpace() {
		Request request = parse("inbox\t\u3000 session=abc");
		assertThat(request.command()).isEqualTo("inbox");
		assertThat(request.params()).containsExactly(entry("session", "abc"));
	}

	@Test
	void paramsAreUnmodifiable() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> parse("inbox a=1").params().put("b", "2"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "send message=%G1", "send message=abc%", "send message=%4", "send k%zz=1", "send m=%+1",
			"send m=%-1", "send m=%\u0661\u0661", "send m=%\uff12e" })
	void rejectsMalformedEscapes(String message) {
		assertThatExceptionOfType(ChatException.class).isThrownBy(() -> parse(message))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST))
			.satisfies((ex) -> assertThat(ex.detail()).doesNotContain(message.substring(5)));
	}

	@Test
	void rejectsTooManyParameters() {
		assertThat(parse("x a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8").params()).hasSize(8);
		assertThatExceptionOfType(ChatException.class).isThrownBy(() -> parse("x a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST))
			.satisfies((ex) -> assertThat(ex.detail()).startsWith("Too many parameters"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\r\n", " \t \n" })
	void rejectsEmptyRequest(String message) {
		assertThatExceptionOfType(ChatException.class).isThrownBy(() -> parse(message))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND))
			.satisfies((ex) -> assertThat(ex.detail()).isEqualTo("Empty request"));
	}

	@Test
	void toleratesInvalidUtf8() {
		byte[] message = { 's', 'e', 'n', 'd', ' ', 'm', '=', (byte) 0xC3, (byte) 0x28, '&', 'n', '=', '%', 'F', 'F' };
		Request request = this.parser.parse(message);
		assertThat(request.command()).isEqualTo("send");
		assertThat(request.param("m")).isEqualTo("\uFFFD(");
		assertThat(request.param("n")).isEqualTo("\uFFFD");
	}

	/**
	 * Outputs of Python 2's {@code urllib.urlencode({key: value})}, as the original client sent them.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			message=halo+semua%21      | message  | halo semua!
			m=a%26b%3Dc                | m        | a&b=c
			filename=my+file+%281%29.txt | filename | my file (1).txt
			payload=aGk%2Fdz0%3D       | payload  | aGk/dz0=
			name=Jos%C3%A9+%F0%9F%98%80 | name    | José 😀
			m=100%25+sure%3F           | m        | 100% sure?
			m=a%2Bb~c_d.e-f            | m        | a+b~c_d.e-f
			m=%0Aline%09tab            | m        | `\nline\ttab`
			""")
	void decodesPythonUrlencodeOutput(String encoded, String key, String expected) {
		assertThat(parse("send " + encoded).param(key)).isEqualTo(expected);
	}

	private Request parse(String message) {
		return this.parser.parse(message.getBytes(StandardCharsets.UTF_8));
	}

}

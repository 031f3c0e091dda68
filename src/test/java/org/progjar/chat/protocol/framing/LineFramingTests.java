package org.progjar.chat.protocol.framing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LineFramingTests {

	private final LineFraming framing = new LineFraming(16);

	@Test
	void readsLineEndingInLf() throws IOException {
		assertThat(this.framing.deserialize(stream("inbox x\n"))).asString().isEqualTo("inbox x");
	}

	@Test
	void dropsCrBeforeLf() throws IOException {
		assertThat(this.framing.deserialize(stream("inbox x\r\n"))).asString().isEqualTo("inbox x");
	}

	@Test
	void keepsLoneCr() throws IOException {
		InputStream in = stream("a\rb\r\r\n");
		assertThat(this.framing.deserialize(in)).asString().isEqualTo("a\rb\r");
	}

	@Test
	void readsSeveralMessagesFromOneStream() throws IOException {
		InputStream in = stream("one\ntwo\r\n\nthree\n");
		assertThat(this.framing.deserialize(in)).asString().isEqualTo("one");
		assertThat(this.framing.deserialize(in)).asString().isEqualTo("two");
		assertThat(this.framing.deserialize(in)).isEmpty();
		assertThat(this.framing.deserialize(in)).asString().isEqualTo("three");
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> this.framing.deserialize(in));
	}

	@Test
	void assemblesLineDeliveredOneByteAtATime() throws IOException {
		InputStream in = new OneByteAtATime("auth u=a\r\nnext\n".getBytes(StandardCharsets.UTF_8));
		assertThat(this.framing.deserialize(in)).asString().isEqualTo("auth u=a");
		assertThat(this.framing.deserialize(in)).asString().isEqualTo("next");
	}

	@Test
	void endOfStreamBeforeAnythingIsCleanClose() {
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> this.framing.deserialize(stream("")));
	}

	@Test
	void endOfStreamMidLineReturnsPartialLineThenCloses() throws IOException {
		InputStream in = stream("inbox x");
		assertThat(this.framing.deserialize(in)).asString().isEqualTo("inbox x");
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> this.framing.deserialize(in));
	}

	@Test
	void acceptsExactlyMaxBytesWithCrLf() throws IOException {
		String line = "x".repeat(16);
		assertThat(this.framing.deserialize(stream(line + "\r\n"))).asString().isEqualTo(line);
	}

	@Test
	void rejectsMaxPlusOneBytes() {
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> this.framing.deserialize(stream("x".repeat(17) + "\n")))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(16))
			.withMessage("Message exceeds the 16-byte limit");
	}

	@Test
	void growsBufferForLongLines() throws IOException {
		LineFraming large = new LineFraming(16 * 1024 * 1024);
		String line = "y".repeat(100_000);
		assertThat(large.deserialize(stream(line + "\n"))).asString().isEqualTo(line);
	}

	@Test
	void serializeAppendsLf() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.framing.serialize("{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8), out);
		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"OK\"}\n");
	}

	@Test
	void passesUtf8ContentUnchanged() throws IOException {
		LineFraming utf8 = new LineFraming(1024);
		byte[] content = "café ☕ 日本語".getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		utf8.serialize(content, out);
		assertThat(utf8.deserialize(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(content);
	}

	private static InputStream stream(String content) {
		return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * What TCP may do to a line: hand it over one byte per read.
	 */
	private static final class OneByteAtATime extends InputStream {

		private final ByteArrayInputStream delegate;

		OneByteAtATime(byte[] content) {
			this.delegate = new ByteArrayInputStream(content);
		}

		@Override
		public int read() {
			return this.delegate.read();
		}

		@Override
		public int read(byte[] b, int off, int len) {
			return this.delegate.read(b, off, Math.min(len, 1));
		}

	}

}

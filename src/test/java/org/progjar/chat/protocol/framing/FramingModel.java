package org.progjar.chat.protocol.framing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * What each framing must make of a byte stream, written plainly from docs/protocol.md rather
 * than from the framings' code, and the streams TCP may hand a framing: the same bytes in
 * pieces of any size, split at any offset, or never ending.
 * <p>
 * Outcomes are strings so that AssertJ compares them by content: {@code frame:} and the bytes
 * as ISO-8859-1 (one char per byte), or {@link #TOO_LARGE}, after which the connection closes.
 */
public final class FramingModel {

	public static final String TOO_LARGE = "too large";

	private FramingModel() {
	}

	/** Line framing: LF ends a message, a CR right before it is dropped, a last partial line counts. */
	public static List<String> lines(byte[] input, int max) {
		List<String> outcomes = new ArrayList<>();
		int start = 0;
		while (start < input.length) {
			int lf = indexOf(input, (byte) '\n', start);
			int end = (lf < 0) ? input.length : lf;
			boolean crBeforeLf = lf >= 0 && end > start && input[end - 1] == '\r';
			byte[] line = Arrays.copyOfRange(input, start, crBeforeLf ? end - 1 : end);
			if (line.length > max) {
				outcomes.add(TOO_LARGE);
				return outcomes;
			}
			outcomes.add(frame(line));
			start = end + 1;
		}
		return outcomes;
	}

	/**
	 * Block framing: 1024-byte blocks, each stripped of trailing Python whitespace, until one comes
	 * out short; the end of the stream ends the message (and a block) wherever it falls.
	 */
	public static List<String> blocks(byte[] input, int max) {
		List<String> outcomes = new ArrayList<>();
		int position = 0;
		while (position < input.length) {
			StringBuilder message = new StringBuilder();
			while (true) {
				int end = Math.min(position + BlockFraming.BLOCK_SIZE, input.length);
				int received = end - position;
				int kept = received;
				while (kept > 0 && isPythonWhitespace(input[position + kept - 1])) {
					kept--;
				}
				if (message.length() + kept > max) {
					outcomes.add(TOO_LARGE);
					return outcomes;
				}
				message.append(new String(input, position, kept, StandardCharsets.ISO_8859_1));
				position = end;
				if (kept < BlockFraming.BLOCK_SIZE) {
					break;
				}
			}
			outcomes.add("frame:" + message);
		}
		return outcomes;
	}

	/** Everything the framing reads from the stream, until a clean end or a refusal. */
	public static List<String> drain(AbstractByteArraySerializer framing, InputStream in) throws IOException {
		List<String> outcomes = new ArrayList<>();
		while (true) {
			try {
				outcomes.add(frame(framing.deserialize(in)));
			}
			catch (SoftEndOfStreamException ex) {
				return outcomes;
			}
			catch (FrameTooLargeException ex) {
				outcomes.add(TOO_LARGE);
				return outcomes;
			}
		}
	}

	public static String frame(byte[] message) {
		return "frame:" + new String(message, StandardCharsets.ISO_8859_1);
	}

	public static boolean isPythonWhitespace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r';
	}

	/** The bytes in pieces of 1 to {@code maxChunk} bytes per read, as TCP may deliver them. */
	public static InputStream chunked(byte[] content, Random random, int maxChunk) {
		return new Pieces(content, (position, wanted) -> Math.min(wanted, 1 + random.nextInt(maxChunk)));
	}

	/** The bytes in two reads, the first ending at {@code offset}. */
	public static InputStream splitAt(byte[] content, int offset) {
		return new Pieces(content, (position, wanted) -> (position < offset) ? Math.min(wanted, offset - position) : wanted);
	}

	private static int indexOf(byte[] bytes, byte wanted, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A stream that hands out at most what {@code piece} allows per read. Not a
	 * {@link ByteArrayInputStream} subclass: that one's {@code readNBytes} trusts a single
	 * {@code read} to return everything available, which a socket stream does not.
	 */
	private static final class Pieces extends InputStream {

		private final ByteArrayInputStream content;

		private final PieceSize piece;

		private int position;

		Pieces(byte[] content, PieceSize piece) {
			this.content = new ByteArrayInputStream(content);
			this.piece = piece;
		}

		@Override
		public int read() {
			int b = this.content.read();
			if (b >= 0) {
				this.position++;
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (len == 0) {
				return 0;
			}
			int n = this.content.read(b, off, Math.max(1, this.piece.size(this.position, len)));
			if (n > 0) {
				this.position += n;
			}
			return n;
		}

	}

	@FunctionalInterface
	private interface PieceSize {

		int size(int position, int wanted);

	}

	/**
	 * A stream that never ends, of bytes that never end a message, which fails the test if more
	 * than {@code readLimit} bytes are taken from it: a framing must give up within its limit.
	 */
	static final class Endless extends InputStream {

		private final Random random;

		private final byte[] alphabet;

		private final long readLimit;

		private long read;

		Endless(Random random, String alphabet, long readLimit) {
			this.random = random;
			this.alphabet = alphabet.getBytes(StandardCharsets.ISO_8859_1);
			this.readLimit = readLimit;
		}

		long bytesRead() {
			return this.read;
		}

		@Override
		public int read() {
			if (++this.read > this.readLimit) {
				throw new AssertionError("The framing read more than " + this.readLimit + " bytes of one message");
			}
			return this.alphabet[this.random.nextInt(this.alphabet.length)] & 0xff;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (len == 0) {
				return 0;
			}
			int n = Math.max(1, this.random.nextInt(len + 1));
			for (int i = 0; i < n; i++) {
				b[off + i] = (byte) read();
			}
			return n;
		}

	}

}

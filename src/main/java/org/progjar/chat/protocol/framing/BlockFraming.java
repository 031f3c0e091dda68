package org.progjar.chat.protocol.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.util.Assert;

/**
 * The legacy framing of the original Python {@code smartconn.py}: a message travels as blocks
 * of exactly 1024 bytes, the last one padded with spaces; the receiver strips trailing
 * whitespace from each block and stops at the first block that comes out shorter than 1024.
 * <p>
 * Each block is read as exactly {@link #BLOCK_SIZE} bytes because TCP is a byte stream: one
 * {@code read()} may return part of a block, or parts of two. Old clients may close right after
 * sending, so an end of stream inside a message ends that message instead of failing it.
 */
public final class BlockFraming extends AbstractByteArraySerializer {

	public static final int BLOCK_SIZE = 1024;

	private static final int INITIAL_BUFFER_SIZE = 256;

	private static final byte SPACE = ' ';

	/**
	 * A space as a JSON escape: same string value, but no whitespace byte for the receiver's
	 * {@code rstrip()} to eat.
	 */
	private static final byte[] ESCAPED_SPACE = "\\u0020".getBytes(StandardCharsets.US_ASCII);

	public BlockFraming(int maxMessageSize) {
		Assert.isTrue(maxMessageSize > 0, "maxMessageSize must be positive");
		setMaxMessageSize(maxMessageSize);
	}

	@Override
	public byte[] deserialize(InputStream inputStream) throws IOException {
		int max = getMaxMessageSize();
		byte[] block = new byte[BLOCK_SIZE];
		byte[] message = new byte[Math.min(INITIAL_BUFFER_SIZE, max)];
		int length = 0;
		boolean first = true;
		while (true) {
			int received = inputStream.readNBytes(block, 0, BLOCK_SIZE);
			if (received == 0 && first) {
				throw new SoftEndOfStreamException("Stream closed between messages");
			}
			first = false;
			int kept = strippedLength(block, received);
			if (kept > max - length) {
				FrameTooLargeException ex = new FrameTooLargeException(max);
				publishEvent(ex, message, length);
				throw ex;
			}
			if (length + kept > message.length) {
				message = Arrays.copyOf(message, grownSize(message.length, length + kept, max));
			}
			System.arraycopy(block, 0, message, length, kept);
			length += kept;
			// a short read means end of stream: whatever arrived is the last block
			if (kept < BLOCK_SIZE || received < BLOCK_SIZE) {
				return Arrays.copyOf(message, length);
			}
		}
	}

	private static int grownSize(int current, int needed, int max) {
		long size = Math.max(current, 1);
		while (size < needed) {
			size *= 2;
		}
		return (int) Math.min(size, max);
	}

	/**
	 * Python 2 {@code str.rstrip()}: space, tab, LF, VT, FF and CR.
	 */
	private static int strippedLength(byte[] block, int length) {
		int end = length;
		while (end > 0 && isWhitespace(block[end - 1])) {
			end--;
		}
		return end;
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || (b >= '\t' && b <= '\r');
	}

	/**
	 * Writes the message as full blocks, the last one padded with spaces. When the message
	 * fills its last block exactly (or is empty), the padding is a whole block of spaces: the
	 * original receiver needs a short block to know the message ended.
	 * <p>
	 * A space on a block's last byte would be stripped by the receiver, and would make that
	 * block look short, ending the message early; a space on a block's first byte is at risk
	 * with any receiver that strips both ends. Everything sent on this framing is compact
	 * JSON from Jackson, where a raw space can only sit inside a string literal and is never
	 * preceded by an escaping backslash, so writing the escape <code>&#92;u0020</code> there
	 * instead keeps the JSON value intact.
	 */
	@Override
	public void serialize(byte[] message, OutputStream outputStream) throws IOException {
		byte[] block = new byte[BLOCK_SIZE];
		int position = 0;
		for (byte b : message) {
			if (b == SPACE && (position == 0 || position == BLOCK_SIZE - 1)) {
				for (byte escaped : ESCAPED_SPACE) {
					block[position++] = escaped;
					position = flushIfFull(block, position, outputStream);
				}
			}
			else {
				block[position++] = b;
				position = flushIfFull(block, position, outputStream);
			}
		}
		Arrays.fill(block, position, BLOCK_SIZE, SPACE);
		outputStream.write(block);
	}

	private static int flushIfFull(byte[] block, int position, OutputStream outputStream) throws IOException {
		if (position < BLOCK_SIZE) {
			return position;
		}
		outputStream.write(block);
		return 0;
	}

}

package org.progjar.chat.protocol.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.util.Assert;

/**
 * One message per line: bytes up to an LF, with a CR right before the LF dropped so that
 * {@code telnet} (CRLF) and {@code nc} (LF) both work. The stock Spring Integration codecs
 * either insist on CRLF or keep the CR, and allocate the full maximum for every message; with
 * a 16 MiB limit and thousands of connections that is not affordable, so the buffer here
 * starts small and doubles only as a line actually grows.
 */
public final class LineFraming extends AbstractByteArraySerializer {

	private static final int INITIAL_BUFFER_SIZE = 256;

	private static final int CR = '\r';

	private static final int LF = '\n';

	public LineFraming(int maxMessageSize) {
		Assert.isTrue(maxMessageSize > 0, "maxMessageSize must be positive");
		setMaxMessageSize(maxMessageSize);
	}

	/**
	 * Reads one line. An end of stream after a partial line returns that line, so that
	 * {@code printf 'inbox x' | nc host port} is answered; the next call then ends cleanly.
	 */
	@Override
	public byte[] deserialize(InputStream inputStream) throws IOException {
		int max = getMaxMessageSize();
		byte[] buffer = new byte[Math.min(INITIAL_BUFFER_SIZE, max)];
		int length = 0;
		// a CR is held back until the next byte tells whether it ends the line
		boolean pendingCr = false;
		while (true) {
			int bite = inputStream.read();
			if (bite < 0 && length == 0 && !pendingCr) {
				throw new SoftEndOfStreamException("Stream closed between messages");
			}
			if (bite == LF || bite < 0) {
				if (bite < 0 && pendingCr) {
					buffer = append(buffer, length++, CR);
				}
				return Arrays.copyOf(buffer, length);
			}
			if (pendingCr) {
				buffer = append(buffer, length++, CR);
				pendingCr = false;
			}
			if (bite == CR) {
				pendingCr = true;
			}
			else {
				buffer = append(buffer, length++, bite);
			}
		}
	}

	private byte[] append(byte[] buffer, int length, int bite) throws FrameTooLargeException {
		int max = getMaxMessageSize();
		if (length >= max) {
			FrameTooLargeException ex = new FrameTooLargeException(max);
			publishEvent(ex, buffer, length);
			throw ex;
		}
		byte[] target = buffer;
		if (length == buffer.length) {
			target = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, max));
		}
		target[length] = (byte) bite;
		return target;
	}

	/**
	 * Writes the message and its LF; the caller flushes.
	 */
	@Override
	public void serialize(byte[] message, OutputStream outputStream) throws IOException {
		outputStream.write(message);
		outputStream.write(LF);
	}

}

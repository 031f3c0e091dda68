package org.progjar.chat.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A buffered input stream whose buffer is small while its client is quiet and large while bytes
 * stream in. A connection's reader waits for the next request inside a read into this buffer,
 * so with ten thousand idle connections a fixed 4 KiB buffer each was a third of what an idle
 * connection held. A read that fills the small buffer makes the next read use the large one
 * (an upload arriving as one long line still takes one system call per large buffer); a read
 * that leaves the large buffer part empty lets it go again. Not thread-safe: one reader only.
 */
final class ElasticBufferedInputStream extends InputStream {

	private final InputStream in;

	private final byte[] small;

	private final int largeSize;

	private byte[] buffer;

	private int position;

	private int count;

	ElasticBufferedInputStream(InputStream in, int smallSize, int largeSize) {
		this.in = in;
		this.small = new byte[smallSize];
		this.largeSize = largeSize;
		this.buffer = this.small;
	}

	@Override
	public int read() throws IOException {
		if (this.position >= this.count && !fill()) {
			return -1;
		}
		return this.buffer[this.position++] & 0xff;
	}

	@Override
	public int read(byte[] bytes, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		if (length == 0) {
			return 0;
		}
		if (this.position >= this.count) {
			if (length >= this.largeSize) {
				// Nothing buffered and a read this large: straight into the caller's array.
				return this.in.read(bytes, offset, length);
			}
			if (!fill()) {
				return -1;
			}
		}
		int copied = Math.min(length, this.count - this.position);
		System.arraycopy(this.buffer, this.position, bytes, offset, copied);
		this.position += copied;
		return copied;
	}

	@Override
	public int available() throws IOException {
		return (this.count - this.position) + this.in.available();
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/** The size of the buffer held now. */
	int bufferSize() {
		return this.buffer.length;
	}

	/** @return false at the end of the stream */
	private boolean fill() throws IOException {
		// The last read filled its buffer: more is likely waiting.
		boolean streaming = this.count == this.buffer.length;
		this.buffer = streaming ? ((this.buffer.length == this.largeSize) ? this.buffer : new byte[this.largeSize])
				: this.small;
		this.position = 0;
		this.count = 0;
		int read = this.in.read(this.buffer, 0, this.buffer.length);
		if (read <= 0) {
			return false;
		}
		this.count = read;
		return true;
	}

}

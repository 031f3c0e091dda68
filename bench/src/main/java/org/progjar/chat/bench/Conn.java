package org.progjar.chat.bench;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection, owned by one {@link NioLoop}: all methods except {@link #send} run on
 * that loop's thread. Incoming bytes are cut into lines and handed to the current
 * {@link LineHandler}; outgoing bytes go out at once, or wait for the socket to drain.
 */
final class Conn {

	private static final byte[] NONE = new byte[0];

	final NioLoop loop;

	final SocketChannel channel;

	final CompletableFuture<Conn> connected;

	/** Completes when the connection is closed, by us or by the server. */
	final CompletableFuture<Void> closedFuture = new CompletableFuture<>();

	SelectionKey key;

	volatile LineHandler handler = LineHandler.IGNORE;

	/** Closed by {@link #close()}: the expected end, not an error. */
	boolean closing;

	volatile boolean closed;

	byte[] partial = NONE;

	int partialLength;

	private final ArrayDeque<ByteBuffer> pendingWrites = new ArrayDeque<>();

	Conn(NioLoop loop, SocketChannel channel, CompletableFuture<Conn> connected) {
		this.loop = loop;
		this.channel = channel;
		this.connected = connected;
	}

	/** Sends from any thread; on the loop's own thread it writes at once. */
	void send(String line) {
		byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
		this.loop.run(() -> write(ByteBuffer.wrap(bytes)));
	}

	/** Writes on the loop thread; what the socket does not take now goes out when it drains. */
	void write(ByteBuffer bytes) {
		if (this.closed) {
			return;
		}
		try {
			if (this.pendingWrites.isEmpty()) {
				this.channel.write(bytes);
				if (!bytes.hasRemaining()) {
					return;
				}
				this.loop.register(this, SelectionKey.OP_READ | SelectionKey.OP_WRITE);
			}
			this.pendingWrites.add(bytes);
		}
		catch (IOException ex) {
			closeOnError(ex);
		}
	}

	void flush() throws IOException {
		ByteBuffer head;
		while ((head = this.pendingWrites.peek()) != null) {
			this.channel.write(head);
			if (head.hasRemaining()) {
				return;
			}
			this.pendingWrites.poll();
		}
		this.loop.register(this, SelectionKey.OP_READ);
	}

	void keepPartial(byte[] buf, int from, int length) {
		if (length == 0) {
			this.partialLength = 0;
			return;
		}
		if (this.partial.length < length) {
			this.partial = Arrays.copyOf(this.partial, Math.max(length, 2 * this.partial.length));
		}
		System.arraycopy(buf, from, this.partial, 0, length);
		this.partialLength = length;
	}

	/** Closes on purpose (from any thread); the handler is not told of an error. */
	CompletableFuture<Void> close() {
		this.loop.run(() -> {
			this.closing = true;
			closeNow(null);
		});
		return this.closedFuture;
	}

	/**
	 * Closes with a reset instead of a FIN, so that no TIME_WAIT is left on our side: used where
	 * thousands of connections are opened and dropped in a row.
	 */
	CompletableFuture<Void> abort() {
		this.loop.run(() -> {
			this.closing = true;
			try {
				this.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			}
			catch (IOException ignored) {
				// closing anyway
			}
			closeNow(null);
		});
		return this.closedFuture;
	}

	/** The server closed the connection ({@code cause} null) or it failed. */
	void closeOnError(Exception cause) {
		closeNow(cause);
	}

	private void closeNow(Exception cause) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.key != null) {
			this.key.cancel();
		}
		NioLoop.closeQuietly(this.channel);
		if (!this.closing) {
			this.handler.onClose(this, cause);
		}
		this.closedFuture.complete(null);
	}

}

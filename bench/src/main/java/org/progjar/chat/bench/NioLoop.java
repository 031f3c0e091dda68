package org.progjar.chat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jdk.net.ExtendedSocketOptions;

/**
 * One selector thread that owns many connections: it connects them, reads them and cuts lines,
 * and writes for them. Everything a connection does runs on its loop's thread, so per-connection
 * state needs no locks; other threads hand work over with {@link #execute}.
 */
final class NioLoop implements AutoCloseable {

	private static final int READ_CHUNK = 128 * 1024;

	final int index;

	private final Selector selector;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/** Set while a wakeup is on its way, so that a burst of hand-overs costs one wakeup. */
	private final AtomicBoolean wakeupPending = new AtomicBoolean();

	private final boolean quickAck;

	private final Thread thread;

	private volatile boolean running = true;

	/** Shared read buffer: a connection's unfinished line is copied in front of the new bytes. */
	private byte[] work = new byte[2 * READ_CHUNK];

	NioLoop(int index, boolean quickAck) {
		this.index = index;
		this.quickAck = quickAck;
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.thread = Thread.ofPlatform().name("bench-loop-" + index).daemon().start(this::run);
	}

	boolean inLoop() {
		return Thread.currentThread() == this.thread;
	}

	/** Runs the task on this loop's thread, later, in the order handed over. */
	void execute(Runnable task) {
		this.tasks.add(task);
		if (!inLoop() && this.wakeupPending.compareAndSet(false, true)) {
			this.selector.wakeup();
		}
	}

	/** Runs the task now when already on this loop, else hands it over. */
	void run(Runnable task) {
		if (inLoop()) {
			task.run();
		}
		else {
			execute(task);
		}
	}

	<T> CompletableFuture<T> call(Callable<T> task) {
		CompletableFuture<T> result = new CompletableFuture<>();
		execute(() -> {
			try {
				result.complete(task.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	/**
	 * Opens a connection from {@code source} (any local address when null) to {@code remote}.
	 * TCP_NODELAY is set; SO_REUSEADDR lets a bound source port be taken again while an old
	 * connection of it is still in TIME_WAIT.
	 */
	CompletableFuture<Conn> connect(InetSocketAddress remote, InetAddress source) {
		CompletableFuture<Conn> connected = new CompletableFuture<>();
		execute(() -> {
			SocketChannel channel = null;
			try {
				channel = SocketChannel.open();
				channel.configureBlocking(false);
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				if (source != null) {
					channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
					channel.bind(new InetSocketAddress(source, 0));
				}
				Conn conn = new Conn(this, channel, connected);
				if (channel.connect(remote)) {
					conn.key = channel.register(this.selector, SelectionKey.OP_READ, conn);
					connected.complete(conn);
				}
				else {
					conn.key = channel.register(this.selector, SelectionKey.OP_CONNECT, conn);
				}
			}
			catch (IOException | RuntimeException ex) {
				closeQuietly(channel);
				connected.completeExceptionally(ex);
			}
		});
		return connected;
	}

	private void run() {
		while (this.running) {
			try {
				this.wakeupPending.set(false);
				if (this.tasks.isEmpty()) {
					this.selector.select(100);
				}
				else {
					this.selector.selectNow();
				}
				for (SelectionKey key : this.selector.selectedKeys()) {
					handle(key);
				}
				this.selector.selectedKeys().clear();
				Runnable task;
				while ((task = this.tasks.poll()) != null) {
					try {
						task.run();
					}
					catch (RuntimeException ex) {
						System.err.println("bench: task failed on loop " + this.index + ": " + ex);
					}
				}
			}
			catch (IOException ex) {
				System.err.println("bench: selector failed: " + ex);
				return;
			}
		}
	}

	private void handle(SelectionKey key) {
		Conn conn = (Conn) key.attachment();
		if (!key.isValid()) {
			return;
		}
		try {
			if (key.isConnectable()) {
				conn.channel.finishConnect();
				key.interestOps(SelectionKey.OP_READ);
				conn.connected.complete(conn);
				return;
			}
			if (key.isReadable()) {
				read(conn);
			}
			if (key.isValid() && key.isWritable()) {
				conn.flush();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof RuntimeException) {
				System.err.println("bench: a handler failed, closing its connection: " + ex);
				ex.printStackTrace();
			}
			if (!conn.connected.isDone()) {
				conn.connected.completeExceptionally(ex);
			}
			conn.closeOnError(ex);
		}
	}

	private void read(Conn conn) throws IOException {
		int carried = conn.partialLength;
		if (this.work.length - carried < READ_CHUNK) {
			this.work = Arrays.copyOf(this.work, carried + 2 * READ_CHUNK);
		}
		byte[] buf = this.work;
		System.arraycopy(conn.partial, 0, buf, 0, carried);
		int n = conn.channel.read(ByteBuffer.wrap(buf, carried, buf.length - carried));
		if (n < 0) {
			conn.closeOnError(null);
			return;
		}
		if (n == 0) {
			return;
		}
		if (this.quickAck) {
			// The peers' daemons leave Nagle on: without an immediate ACK their next small write
			// waits for our delayed ACK (40 ms), and we would measure that, not the server.
			conn.channel.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
		}
		long now = System.nanoTime();
		int end = carried + n;
		int lineStart = 0;
		for (int i = carried; i < end; i++) {
			if (buf[i] == '\n') {
				int lineEnd = (i > lineStart && buf[i - 1] == '\r') ? i - 1 : i;
				conn.handler.onLine(conn, buf, lineStart, lineEnd, now);
				lineStart = i + 1;
				if (conn.closed) {
					return;
				}
			}
		}
		conn.keepPartial(buf, lineStart, end - lineStart);
	}

	void register(Conn conn, int ops) {
		if (conn.key.isValid()) {
			conn.key.interestOps(ops);
		}
	}

	static void closeQuietly(SocketChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ignored) {
				// closing anyway
			}
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.selector.wakeup();
		try {
			this.thread.join(5000);
			this.selector.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ignored) {
			// closing anyway
		}
	}

}

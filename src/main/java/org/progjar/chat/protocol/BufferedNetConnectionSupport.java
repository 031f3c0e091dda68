package org.progjar.chat.protocol;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.protocol.framing.Frames;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.util.Assert;

/**
 * Gives each connection a buffered input stream whose reads time out. Spring Integration hands
 * the deserializer the raw socket stream, and our framers read a byte at a time: without a
 * buffer that is one system call per byte.
 * <p>
 * The timeouts are the socket's read timeout, set before every read to the time left: until the
 * login deadline while the connection has not logged in, then the idle timeout. The reader is a
 * virtual thread parked in that read anyway, so a timeout costs one timer in the JDK's poller:
 * no thread and no sweep per connection. A read that times out fails like any other read, so
 * Spring Integration publishes the failure (see {@link ReadTimeoutResponder}) and closes.
 * <p>
 * On a TLS listener the connection also runs the handshake, on its reader thread before the
 * first read and bounded in time, so that a client that never completes it (a plaintext
 * client, a scanner, a stalled one) is closed with one log line instead of an error, and does
 * not hold its thread.
 */
final class BufferedNetConnectionSupport implements TcpNetConnectionSupport {

	private static final Logger log = LoggerFactory.getLogger(BufferedNetConnectionSupport.class);

	/** While bytes stream in (see {@link ElasticBufferedInputStream}). */
	private static final int BUFFER_SIZE = 4096;

	/** While the client is quiet: room for a typical request, which then takes one system call. */
	private static final int QUIET_BUFFER_SIZE = 512;

	/** Room for a line's end per message; block framing's padding grows the buffer instead. */
	private static final int FRAMING_SLACK = 2;

	private final Duration handshakeTimeout;

	private final Duration loginTimeout;

	private final Duration idleTimeout;

	BufferedNetConnectionSupport(Duration handshakeTimeout, Duration loginTimeout, Duration idleTimeout) {
		this.handshakeTimeout = handshakeTimeout;
		this.loginTimeout = loginTimeout;
		this.idleTimeout = idleTimeout;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		return new BufferedNetConnection(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName,
				this.handshakeTimeout, new ReadTimeouts(this.loginTimeout, this.idleTimeout));
	}

	static final class BufferedNetConnection extends TcpNetConnection {

		private final Socket socket;

		private final Duration handshakeTimeout;

		private final ReadTimeouts timeouts;

		private final Lock writeLock = new ReentrantLock();

		// Only the connection's reader thread reads.
		private @Nullable InputStream buffered;

		private volatile Runnable atEndOfInput = () -> {
		};

		BufferedNetConnection(Socket socket, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName, Duration handshakeTimeout,
				ReadTimeouts timeouts) {
			super(socket, server, lookupHost, publisher, factoryName);
			this.socket = socket;
			this.handshakeTimeout = handshakeTimeout;
			this.timeouts = timeouts;
		}

		void loggedIn() {
			this.timeouts.loggedIn();
		}

		boolean isLoggedIn() {
			return this.timeouts.isLoggedIn();
		}

		/**
		 * Runs on the reader thread when the client has ended its input, before the end is
		 * read and the connection closes: where responses still owed to it are waited for.
		 */
		void atEndOfInput(Runnable action) {
			this.atEndOfInput = action;
		}

		/**
		 * Ends output and reads what the client is still sending, for a bounded time and amount,
		 * before the close. Closing a socket with unread input makes the kernel reset the
		 * connection, and the reset can destroy the last answer before the client reads it.
		 * Call from the reader thread.
		 */
		void lingerBeforeClose(Duration timeout, long maxBytes) {
			this.timeouts.closing(timeout);
			try {
				this.socket.shutdownOutput();
				byte[] discard = new byte[8192];
				long read = 0;
				int n;
				while (read < maxBytes && (n = inputStream().read(discard)) >= 0) {
					read += n;
				}
			}
			catch (IOException ex) {
				// Gone or timed out: either way it is time to close.
			}
		}

		/**
		 * Spring Integration writes through a BufferedOutputStream sized by the socket's send
		 * buffer, allocated on the first write and kept until the connection is tidied away:
		 * on Linux loopback that is about 2 MB of heap per connection, idle or not. Here each
		 * send is framed into a buffer of its own size and written with one call, and nothing
		 * stays allocated between sends.
		 */
		@Override
		@SuppressWarnings("unchecked")
		public void send(Message<?> message) {
			this.writeLock.lock();
			try {
				Object payload = getMapper().fromMessage(message);
				Assert.state(payload != null, "Nothing to send");
				ByteArrayOutputStream framed = new ByteArrayOutputStream(sizeHint(payload));
				((Serializer<Object>) getSerializer()).serialize(payload, framed);
				framed.writeTo(this.socket.getOutputStream());
			}
			catch (Exception ex) {
				MessagingException failure = new MessagingException(message, "Send Failed", ex);
				publishConnectionExceptionEvent(failure);
				closeConnection(true);
				throw failure;
			}
			finally {
				this.writeLock.unlock();
			}
		}

		/**
		 * A client that resets its connection (a crash, a killed {@code nc}, a load generator
		 * done with it) has gone away; that is not a fault of the server, so it is logged at
		 * DEBUG, not as the ERROR Spring Integration gives every read failure.
		 */
		@Override
		protected boolean handleReadException(Exception exception) {
			if (exception instanceof SocketException || exception.getCause() instanceof SocketException) {
				setNoReadErrorOnClose(true);
			}
			return super.handleReadException(exception);
		}

		@Override
		protected InputStream inputStream() throws IOException {
			InputStream stream = this.buffered;
			if (stream == null) {
				if (this.socket instanceof SSLSocket tls) {
					handshake(tls);
				}
				stream = new ElasticBufferedInputStream(new TimedInput(super.inputStream()), QUIET_BUFFER_SIZE,
						BUFFER_SIZE);
				this.buffered = stream;
			}
			return stream;
		}

		/**
		 * Without this the handshake would run inside the first read, waiting as long as any
		 * read, and a failure would reach Spring Integration as a read error, logged as one.
		 * A failed handshake ends the stream softly: the connection closes without an error.
		 */
		private void handshake(SSLSocket tls) throws IOException {
			int readTimeout = tls.getSoTimeout();
			try {
				tls.setSoTimeout(Math.toIntExact(this.handshakeTimeout.toMillis()));
				tls.startHandshake();
				tls.setSoTimeout(readTimeout);
			}
			catch (IOException ex) {
				log.info("TLS handshake failed on connection {}: {}", getConnectionId(), ex.getMessage());
				throw new SoftEndOfStreamException("TLS handshake failed");
			}
		}

		/** Sets the socket's read timeout to the time left before each read from it. */
		private final class TimedInput extends FilterInputStream {

			TimedInput(InputStream socketInput) {
				super(socketInput);
			}

			@Override
			public int read() throws IOException {
				limitNextRead();
				return atEnd(super.read());
			}

			@Override
			public int read(byte[] bytes, int offset, int length) throws IOException {
				limitNextRead();
				return atEnd(super.read(bytes, offset, length));
			}

			private int atEnd(int read) {
				if (read < 0) {
					BufferedNetConnection.this.atEndOfInput.run();
				}
				return read;
			}

			/** Past the deadline even a read that would not wait fails: a busy client gets no extension. */
			private void limitNextRead() throws IOException {
				int millis = BufferedNetConnection.this.timeouts.nextReadMillis();
				if (millis <= 0) {
					throw new SocketTimeoutException("Read deadline passed");
				}
				BufferedNetConnection.this.socket.setSoTimeout(millis);
			}

		}

	}

	/**
	 * How long the next read of one connection may wait. Until it logs in, a connection has a
	 * deadline, not a timeout per read: a client that trickles a byte now and then does not get
	 * to stay without logging in.
	 */
	static final class ReadTimeouts {

		private final long loginDeadline;

		private final int idleMillis;

		private volatile boolean loggedIn;

		/** Set once the server is closing the connection: reads end by then, logged in or not. */
		private volatile @Nullable Long closingDeadline;

		ReadTimeouts(Duration loginTimeout, Duration idleTimeout) {
			this.loginDeadline = System.nanoTime() + loginTimeout.toNanos();
			this.idleMillis = Math.toIntExact(idleTimeout.toMillis());
		}

		void loggedIn() {
			this.loggedIn = true;
		}

		boolean isLoggedIn() {
			return this.loggedIn;
		}

		void closing(Duration linger) {
			this.closingDeadline = System.nanoTime() + linger.toNanos();
		}

		/** @return the read timeout, or 0 or less once a deadline has passed */
		int nextReadMillis() {
			Long closing = this.closingDeadline;
			if (closing != null) {
				return millisUntil(closing);
			}
			return this.loggedIn ? this.idleMillis : millisUntil(this.loginDeadline);
		}

		/** Rounded up: a timeout of 0 would mean none at all. */
		private static int millisUntil(long deadline) {
			long left = deadline - System.nanoTime();
			return (left <= 0) ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(left, 1_000_000L));
		}

	}

	/** Bytes a line-framed write takes, so that framing it does not copy the buffer as it grows. */
	private static int sizeHint(Object payload) {
		return switch (payload) {
			case byte[] message -> message.length + FRAMING_SLACK;
			case Frames frames -> frames.byteCount() + FRAMING_SLACK * frames.messages().size();
			default -> 256;
		};
	}

}

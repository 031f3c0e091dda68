package org.progjar.chat.protocol;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * Gives each connection a buffered input stream. Spring Integration hands the deserializer the
 * raw socket stream, and our framers read a byte at a time: without a buffer that is one system
 * call per byte. And a small output buffer: Spring Integration sizes its own to the socket's send
 * buffer, which Linux reports as megabytes on loopback and tens of kilobytes on Ethernet, held by
 * every connection that has been sent anything.
 */
final class BufferedNetConnectionSupport implements TcpNetConnectionSupport {

	private static final int BUFFER_SIZE = 4096;

	/** Room for a typical response with its framing, so it leaves in one write. */
	private static final int OUTPUT_BUFFER_SIZE = 8192;

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		return new BufferedNetConnection(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
	}

	static final class BufferedNetConnection extends TcpNetConnection {

		private final Socket socket;

		// Only the connection's reader thread reads.
		private @Nullable InputStream buffered;

		private final Lock writing = new ReentrantLock();

		// Guarded by writing.
		private @Nullable OutputStream output;

		BufferedNetConnection(Socket socket, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
			super(socket, server, lookupHost, publisher, factoryName);
			this.socket = socket;
		}

		/**
		 * Ends output and reads what the client is still sending, for a bounded time and amount,
		 * before the close. Closing a socket with unread input makes the kernel reset the
		 * connection, and the reset can destroy the last answer before the client reads it.
		 * Call from the reader thread.
		 */
		void lingerBeforeClose(Duration timeout, long maxBytes) {
			try {
				this.socket.shutdownOutput();
				this.socket.setSoTimeout((int) timeout.toMillis());
				long deadline = System.nanoTime() + timeout.toNanos();
				byte[] discard = new byte[8192];
				long read = 0;
				int n;
				while (read < maxBytes && System.nanoTime() < deadline && (n = inputStream().read(discard)) >= 0) {
					read += n;
				}
			}
			catch (IOException ex) {
				// Gone or timed out: either way it is time to close.
			}
		}

		/** What Spring Integration's send does, with a buffer of our size. */
		@Override
		@SuppressWarnings("unchecked")
		public void send(Message<?> message) {
			this.writing.lock();
			try {
				OutputStream out = this.output;
				if (out == null) {
					out = new BufferedOutputStream(this.socket.getOutputStream(), OUTPUT_BUFFER_SIZE);
					this.output = out;
				}
				((Serializer<Object>) getSerializer()).serialize(getMapper().fromMessage(message), out);
				out.flush();
			}
			catch (Exception ex) {
				MessagingException failure = new MessagingException(message, "Send Failed", ex);
				publishConnectionExceptionEvent(failure);
				closeConnection(true);
				throw failure;
			}
			finally {
				this.writing.unlock();
			}
		}

		@Override
		protected InputStream inputStream() throws IOException {
			InputStream stream = this.buffered;
			if (stream == null) {
				stream = new BufferedInputStream(super.inputStream(), BUFFER_SIZE);
				this.buffered = stream;
			}
			return stream;
		}

	}

}

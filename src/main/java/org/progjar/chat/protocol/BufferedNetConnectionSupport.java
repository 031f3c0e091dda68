package org.progjar.chat.protocol;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Gives each connection a buffered input stream. Spring Integration hands the deserializer the
 * raw socket stream, and our framers read a byte at a time: without a buffer that is one system
 * call per byte.
 * <p>
 * On a TLS listener the connection also runs the handshake, on its reader thread before the
 * first read and bounded in time, so that a client that never completes it (a plaintext
 * client, a scanner, a stalled one) is closed with one log line instead of an error, and does
 * not hold its thread.
 */
final class BufferedNetConnectionSupport implements TcpNetConnectionSupport {

	private static final Logger log = LoggerFactory.getLogger(BufferedNetConnectionSupport.class);

	private static final int BUFFER_SIZE = 4096;

	private final Duration handshakeTimeout;

	BufferedNetConnectionSupport(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		return new BufferedNetConnection(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName,
				this.handshakeTimeout);
	}

	static final class BufferedNetConnection extends TcpNetConnection {

		private final Socket socket;

		private final Duration handshakeTimeout;

		// Only the connection's reader thread reads.
		private @Nullable InputStream buffered;

		BufferedNetConnection(Socket socket, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName, Duration handshakeTimeout) {
			super(socket, server, lookupHost, publisher, factoryName);
			this.socket = socket;
			this.handshakeTimeout = handshakeTimeout;
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

		@Override
		protected InputStream inputStream() throws IOException {
			InputStream stream = this.buffered;
			if (stream == null) {
				if (this.socket instanceof SSLSocket tls) {
					handshake(tls);
				}
				stream = new BufferedInputStream(super.inputStream(), BUFFER_SIZE);
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

	}

}

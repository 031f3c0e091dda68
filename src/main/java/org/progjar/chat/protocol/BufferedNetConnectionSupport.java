package org.progjar.chat.protocol;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Gives each connection a buffered input stream. Spring Integration hands the deserializer the
 * raw socket stream, and our framers read a byte at a time: without a buffer that is one system
 * call per byte.
 */
final class BufferedNetConnectionSupport implements TcpNetConnectionSupport {

	private static final int BUFFER_SIZE = 4096;

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		return new BufferedNetConnection(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
	}

	private static final class BufferedNetConnection extends TcpNetConnection {

		// Only the connection's reader thread reads.
		private @Nullable InputStream buffered;

		BufferedNetConnection(Socket socket, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
			super(socket, server, lookupHost, publisher, factoryName);
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

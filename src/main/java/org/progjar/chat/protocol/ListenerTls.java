package org.progjar.chat.protocol;

import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLServerSocket;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

/**
 * Whether one TCP listener speaks TLS, and with which certificate. With a bundle the listener
 * accepts through an {@code SSLServerSocket} made by Spring Integration's SSL socket factory
 * support from the bundle's {@code SSLContext}; the handshake itself happens on each
 * connection's reader thread (see {@link BufferedNetConnectionSupport}), never on the accepting
 * one.
 * @param bundle the certificate and options, or {@code null} for plaintext
 * @param handshakeTimeout longest wait for each read of the handshake
 */
record ListenerTls(@Nullable SslBundle bundle, Duration handshakeTimeout) {

	void applyTo(TcpNetServerConnectionFactory factory) {
		SslBundle tls = this.bundle;
		if (tls == null) {
			return;
		}
		factory.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(tls::createSslContext));
		factory.setTcpSocketSupport(new BundleOptions(tls.getOptions()));
	}

	/**
	 * The bundle's enabled protocols and cipher suites ({@code spring.ssl.bundle.*.options}),
	 * applied to the server socket as Spring Boot applies them to the web server, so one
	 * bundle means the same TLS on every port.
	 */
	private record BundleOptions(SslOptions options) implements TcpSocketSupport {

		@Override
		public void postProcessServerSocket(ServerSocket serverSocket) {
			if (serverSocket instanceof SSLServerSocket tls) {
				String[] protocols = this.options.getEnabledProtocols();
				if (protocols != null) {
					tls.setEnabledProtocols(protocols);
				}
				String[] ciphers = this.options.getCiphers();
				if (ciphers != null) {
					tls.setEnabledCipherSuites(ciphers);
				}
			}
		}

		/** Accepted sockets inherit the server socket's settings; a server verifies no host name. */
		@Override
		public void postProcessSocket(Socket socket) {
		}

	}

}

package org.progjar.chat.protocol;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS on the TCP listeners, from Spring Boot SSL bundles ({@code spring.ssl.bundle.*}), the
 * same certificates HTTP takes through {@code server.ssl.bundle}. A listener with a bundle
 * speaks only TLS; one without stays plaintext, so the legacy listener can stay plaintext for
 * the old clients while the line listener is encrypted.
 * @param bundle SSL bundle of the line-framed listener; plaintext when unset
 * @param legacyBundle SSL bundle of the block-framed listener; plaintext when unset
 * @param handshakeTimeout longest wait for each read of the TLS handshake, after which the
 * connection is closed; the handshake runs on the connection's reader thread, so this is what
 * frees the thread from a client that connects and never completes it
 */
@ConfigurationProperties("chat.tcp.tls")
public record TcpTlsSettings(@Nullable String bundle, @Nullable String legacyBundle,
		@DefaultValue("10s") Duration handshakeTimeout) {
}

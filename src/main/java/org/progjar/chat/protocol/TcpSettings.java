package org.progjar.chat.protocol;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The two TCP listeners.
 * @param port line-framed listener (the original's port)
 * @param legacyPort listener with the original's 1024-byte block framing
 * @param host address to bind, all interfaces when unset
 * @param maxMessageSize longest request; a longer one is refused and its connection closed.
 * The default fits a base64 file of the default maximum file size.
 * @param maxParameters most parameters one request may carry
 * @param backlog connections the kernel queues while the server accepts
 * @param outboundQueue responses and events queued for one connection; a client that lets
 * more pile up is not reading and is disconnected
 */
@ConfigurationProperties("chat.tcp")
public record TcpSettings(@DefaultValue("8889") int port, @DefaultValue("8890") int legacyPort, @Nullable String host,
		@DefaultValue("16MB") DataSize maxMessageSize, @DefaultValue("64") int maxParameters,
		@DefaultValue("1024") int backlog, @DefaultValue("1024") int outboundQueue) {
}

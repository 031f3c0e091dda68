package org.progjar.chat.protocol;

import java.time.Duration;

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
 * @param pipelineDepth responses to pipelined commands ({@code send}, {@code room_chat}) one
 * connection may have outstanding while the server reads its next requests; more and the
 * server reads on only as those are written
 * @param maxConnections most open connections of both listeners together; one more is told
 * {@code TOO_MANY_CONNECTIONS} and closed. With HTTP's share this stays inside a process's
 * limit on open files.
 * @param maxConnectionsPerAddress most open connections from one client address, so one host
 * cannot take them all; high enough for a computer lab behind one NAT address
 * @param loginTimeout a connection that has not logged in (a successful {@code auth}, or any
 * command with a valid session) this long after it opened is told {@code LOGIN_TIMEOUT} and closed
 * @param idleTimeout a logged-in connection that sends nothing for this long is told
 * {@code IDLE_TIMEOUT} and closed; as long as a session lasts unused, because legacy clients
 * never send anything just to keep a connection open
 */
@ConfigurationProperties("chat.tcp")
public record TcpSettings(@DefaultValue("8889") int port, @DefaultValue("8890") int legacyPort, @Nullable String host,
		@DefaultValue("16MB") DataSize maxMessageSize, @DefaultValue("64") int maxParameters,
		@DefaultValue("1024") int backlog, @DefaultValue("1024") int outboundQueue, @DefaultValue("16") int pipelineDepth,
		@DefaultValue("10000") int maxConnections, @DefaultValue("100") int maxConnectionsPerAddress,
		@DefaultValue("60s") Duration loginTimeout, @DefaultValue("24h") Duration idleTimeout) {

	/** A socket read timeout is an int of milliseconds. */
	private static final Duration LONGEST_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

	public TcpSettings {
		if (pipelineDepth < 1 || maxConnections < 1 || maxConnectionsPerAddress < 1) {
			throw new IllegalArgumentException(
					"chat.tcp.pipeline-depth, max-connections and max-connections-per-address must be at least 1");
		}
		requireTimeout("chat.tcp.login-timeout", loginTimeout);
		requireTimeout("chat.tcp.idle-timeout", idleTimeout);
	}

	private static void requireTimeout(String name, Duration timeout) {
		if (timeout.toMillis() < 1 || timeout.compareTo(LONGEST_TIMEOUT) > 0) {
			throw new IllegalArgumentException(name + " must be between 1ms and 24 days");
		}
	}

}

package org.progjar.chat.protocol;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;

/**
 * Maps a framed request to a message with the one header the chat reads, its connection's id.
 * Spring Integration's mapper also copies the peer's host, address and port and the socket's
 * local address into every message, and the local address is a system call per request: under
 * load that and the copying took a tenth of the readers' CPU. The peer's address is read once
 * per connection instead ({@link ClientConnection#address()}). Payloads go to the serializer as
 * they are, byte[] or Frames, never converted.
 */
final class ConnectionIdMapper extends TcpMessageMapper {

	ConnectionIdMapper() {
		setStringToBytes(false);
	}

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		Object payload = connection.getPayload();
		if (payload == null) {
			return null;
		}
		return getMessageBuilderFactory().withPayload(payload)
			.setHeader(IpHeaders.CONNECTION_ID, connection.getConnectionId())
			.copyHeadersIfAbsent(headers)
			.build();
	}

}

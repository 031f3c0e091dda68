package org.progjar.chat.protocol;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.protocol.framing.FrameTooLargeException;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * A message over the size limit cannot be skipped safely (its end may never come), so its
 * connection is closed; this tells the client why first. Spring Integration publishes the read
 * failure before it closes the socket, on the reader thread, so the write still goes out.
 */
@Component
class OversizedMessageResponder {

	private static final Logger log = LoggerFactory.getLogger(OversizedMessageResponder.class);

	private final ReplyEncoder encoder;

	OversizedMessageResponder(ReplyEncoder encoder) {
		this.encoder = encoder;
	}

	@EventListener
	void onReadFailure(TcpConnectionExceptionEvent event) {
		FrameTooLargeException tooLarge = findTooLarge(event.getCause());
		if (tooLarge == null || !(event.getSource() instanceof TcpConnection connection)) {
			return;
		}
		log.warn("Closing connection {}: message over the {}-byte limit", connection.getConnectionId(),
				tooLarge.limit());
		Reply reply = Reply.error(ErrorCode.MESSAGE_TOO_LARGE,
				"A message is at most " + tooLarge.limit() + " bytes; closing the connection");
		try {
			connection.send(MessageBuilder.withPayload(this.encoder.encode(reply)).build());
		}
		catch (RuntimeException ex) {
			log.debug("Could not tell connection {} why it is closed", connection.getConnectionId());
		}
	}

	private static @Nullable FrameTooLargeException findTooLarge(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof FrameTooLargeException tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

}

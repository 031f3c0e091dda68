package org.progjar.chat.protocol;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.protocol.BufferedNetConnectionSupport.BufferedNetConnection;
import org.progjar.chat.protocol.framing.FrameTooLargeException;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * A message over the size limit cannot be skipped safely (its end may never come), so its
 * connection is closed; this tells the client why first. Spring Integration publishes the read
 * failure before it closes the socket, on the reader thread, so the write still goes out; a
 * short lingering read then keeps the close from resetting the answer away.
 */
@Component
class OversizedMessageResponder {

	private static final Logger log = LoggerFactory.getLogger(OversizedMessageResponder.class);

	/** How long, and how much of the rest of the message, to read so the answer is not lost. */
	private static final Duration LINGER = Duration.ofSeconds(2);

	private static final long LINGER_MAX_BYTES = 4L << 20;

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
			if (connection instanceof BufferedNetConnection net) {
				net.lingerBeforeClose(LINGER, LINGER_MAX_BYTES);
			}
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

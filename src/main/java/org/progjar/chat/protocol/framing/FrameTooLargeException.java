package org.progjar.chat.protocol.framing;

import java.io.IOException;
import java.io.Serial;

/**
 * Thrown by a framing when an incoming message grows past the configured maximum. The rest of
 * the message is left unread: the caller answers with an error and closes the connection, as
 * the stream can no longer be resynchronised cheaply.
 */
public class FrameTooLargeException extends IOException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int limit;

	public FrameTooLargeException(int limit) {
		super("Message exceeds the " + limit + "-byte limit");
		this.limit = limit;
	}

	public int limit() {
		return this.limit;
	}

}

package org.progjar.chat.protocol.framing;

import java.util.List;

/** Several messages for one connection, written back to back and sent with one flush. */
public record Frames(List<byte[]> messages) {

	public Frames {
		messages = List.copyOf(messages);
	}

}

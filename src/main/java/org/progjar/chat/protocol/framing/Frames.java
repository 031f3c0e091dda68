package org.progjar.chat.protocol.framing;

import java.util.List;

/** Several messages for one connection, written back to back and sent with one flush. */
public record Frames(List<byte[]> messages) {

	public Frames {
		messages = List.copyOf(messages);
	}

	/** The messages' bytes together, before framing. */
	public int byteCount() {
		int count = 0;
		for (byte[] message : this.messages) {
			count += message.length;
		}
		return count;
	}

}

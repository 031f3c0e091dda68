package org.progjar.chat.protocol.framing;

import java.io.IOException;
import java.io.OutputStream;

import org.springframework.core.serializer.Serializer;

/**
 * Frames one message, or each of several ({@link Frames}), with the listener's framing. The
 * connection flushes once per call, so messages queued for a client while it was being written
 * to leave in one system call instead of one each: what keeps a busy room's fan-out cheap.
 */
public final class CoalescingSerializer implements Serializer<Object> {

	private final Serializer<byte[]> framing;

	public CoalescingSerializer(Serializer<byte[]> framing) {
		this.framing = framing;
	}

	@Override
	public void serialize(Object payload, OutputStream outputStream) throws IOException {
		switch (payload) {
			case byte[] message -> this.framing.serialize(message, outputStream);
			case Frames frames -> {
				for (byte[] message : frames.messages()) {
					this.framing.serialize(message, outputStream);
				}
			}
			default -> throw new IllegalArgumentException("Cannot frame a " + payload.getClass().getName());
		}
	}

}

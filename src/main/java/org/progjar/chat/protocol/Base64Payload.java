package org.progjar.chat.protocol;

import java.util.Base64;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

/** File bytes on the wire: standard Base64, as Python's base64 module writes it. */
public final class Base64Payload {

	private Base64Payload() {
	}

	/** Lenient about line breaks, since Python 2's {@code base64.encodestring} inserts them. */
	public static byte[] decode(String payload) {
		try {
			return Base64.getMimeDecoder().decode(payload);
		}
		catch (IllegalArgumentException ex) {
			throw new ChatException(ErrorCode.INVALID_PARAMETER, "The payload is not valid base64");
		}
	}

	public static String encode(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

}

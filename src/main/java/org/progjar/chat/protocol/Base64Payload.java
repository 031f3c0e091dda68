package org.progjar.chat.protocol;

import java.util.Base64;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

/** File bytes on the wire: standard Base64, as Python's base64 module writes it. */
public final class Base64Payload {

	private Base64Payload() {
	}

	/**
	 * Strict about the alphabet, lenient where old clients differ: line breaks are dropped
	 * (Python 2's {@code base64.encodestring} inserts them), and a space is read as the {@code +}
	 * it must have been before a client forgot to percent-encode it (base64 has no spaces).
	 */
	public static byte[] decode(String payload) {
		String cleaned = payload.replace(' ', '+').replace("\n", "").replace("\r", "");
		try {
			return Base64.getDecoder().decode(cleaned);
		}
		catch (IllegalArgumentException ex) {
			throw new ChatException(ErrorCode.INVALID_PARAMETER, "The payload is not valid base64");
		}
	}

	public static String encode(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

}

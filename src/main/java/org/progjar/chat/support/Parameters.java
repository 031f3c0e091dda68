package org.progjar.chat.support;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

/** Reading request parameters the same way over TCP and HTTP. */
public final class Parameters {

	private Parameters() {
	}

	/** A required value: absent and empty are the same refusal, as in the original (parse_qs drops empties). */
	public static String required(String name, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			throw new ChatException(ErrorCode.MISSING_PARAMETER, "Parameter [" + name + "] is required");
		}
		return value;
	}

	/**
	 * An optional whole number of at least {@code min}; empty counts as absent, as it did in the
	 * original. Anything else is refused with one text, whichever transport asked.
	 */
	public static @Nullable Long wholeNumber(String name, @Nullable String value, long min) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			long number = Long.parseLong(value);
			if (number >= min) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// answered below, with the same text as an out-of-range number
		}
		throw new ChatException(ErrorCode.INVALID_PARAMETER,
				"Parameter [" + name + "] must be a whole number of at least " + min);
	}

}

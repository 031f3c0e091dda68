package org.progjar.chat.message;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

/** Text a user sends to a user or a room: not blank, not longer than the configured maximum. */
public record MessageText(String value) {

	public static MessageText of(String text, MessageSettings settings) {
		if (text.isBlank()) {
			throw new ChatException(ErrorCode.INVALID_PARAMETER, "The message is empty");
		}
		if (text.length() > settings.maxLength()) {
			throw new ChatException(ErrorCode.INVALID_PARAMETER,
					"A message is at most " + settings.maxLength() + " characters");
		}
		return new MessageText(text);
	}

}

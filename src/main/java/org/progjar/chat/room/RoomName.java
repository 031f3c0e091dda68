package org.progjar.chat.room;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

/** A room name: printable, no surrounding spaces, at most the configured length. */
record RoomName(String value) {

	static RoomName of(String name, RoomSettings settings) {
		String trimmed = name.strip();
		if (trimmed.isEmpty() || trimmed.length() > settings.maxNameLength()
				|| trimmed.codePoints().anyMatch(Character::isISOControl)) {
			throw new ChatException(ErrorCode.INVALID_PARAMETER,
					"A room name is 1 to " + settings.maxNameLength() + " printable characters");
		}
		return new RoomName(trimmed);
	}

}

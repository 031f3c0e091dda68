package org.progjar.chat.file;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

/**
 * A file's name as a client gives it: a plain name, never a path. The original server joined
 * names onto a folder, so {@code ../} escaped it; here nothing a path separator, a dot-only name
 * or a control character can mean survives construction.
 */
public record FileName(String value) {

	private static final int MAX_LENGTH = 255;

	public FileName {
		if (value.isEmpty() || value.length() > MAX_LENGTH || value.equals(".") || value.equals("..")
				|| value.indexOf('/') >= 0 || value.indexOf('\\') >= 0
				|| value.codePoints().anyMatch(Character::isISOControl) || !value.equals(value.strip())) {
			throw new ChatException(ErrorCode.INVALID_PARAMETER, "A file name is a plain name of 1 to " + MAX_LENGTH
					+ " characters, without '/', '\\', control characters or surrounding spaces");
		}
	}

}

package org.progjar.chat.user;

import java.util.regex.Pattern;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;

/** A valid username: 1 to 32 of {@code [A-Za-z0-9_.-]}, so it is safe in logs, URLs and file paths. */
public record Username(String value) {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

	public Username {
		if (!isValid(value)) {
			throw new ChatException(ErrorCode.INVALID_PARAMETER,
					"A username is 1 to 32 letters, digits, '_', '.' or '-'");
		}
	}

	public static boolean isValid(String value) {
		return VALID.matcher(value).matches();
	}

}

package org.progjar.chat.error;

/**
 * A refusal the client is meant to read: its message is written for humans and is sent as
 * the protocol's {@code error} text (or the problem {@code detail}), so it must never carry
 * an infrastructure exception's text.
 */
public class ChatException extends RuntimeException {

	private final ErrorCode code;

	public ChatException(ErrorCode code, String detail) {
		super(detail, null, false, false);
		this.code = code;
	}

	public ErrorCode code() {
		return this.code;
	}

	public String detail() {
		return getMessage();
	}

}

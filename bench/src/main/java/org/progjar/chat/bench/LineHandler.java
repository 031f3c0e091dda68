package org.progjar.chat.bench;

/** What a connection does with each line it reads; called on the connection's loop thread. */
interface LineHandler {

	LineHandler IGNORE = (conn, buf, start, end, nanos) -> {
	};

	/**
	 * @param buf shared buffer, valid only during the call
	 * @param start first byte of the line
	 * @param end end of the line, without its LF or CRLF
	 * @param nanos {@link System#nanoTime()} when the bytes were read
	 */
	void onLine(Conn conn, byte[] buf, int start, int end, long nanos);

	/** The server closed the connection, or it failed; {@code cause} is null on a plain close. */
	default void onClose(Conn conn, Exception cause) {
	}

}

package org.progjar.chat.room;

/** How long a membership lasts. */
public enum Attendance {

	/** Until the connection it was made through closes: TCP clients, as the original behaved. */
	WHILE_CONNECTED,

	/** Until the session leaves, logs out or expires: HTTP clients, who have no connection to lose. */
	UNTIL_LEFT

}

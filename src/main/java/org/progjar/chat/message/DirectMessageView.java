package org.progjar.chat.message;

import java.time.Instant;

/** A stored direct message, by usernames and display names. */
public record DirectMessageView(long id, String from, String fromName, String to, String toName, String message,
		Instant sentAt) {
}

package org.progjar.chat.message;

import java.time.Instant;

/** A stored direct message, as its sender sees it acknowledged. */
public record SentMessage(long id, String from, String to, String text, Instant sentAt) {
}

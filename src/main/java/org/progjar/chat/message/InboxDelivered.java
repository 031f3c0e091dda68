package org.progjar.chat.message;

/** An {@code inbox} call delivered (and committed as delivered) this many of the recipient's messages. */
public record InboxDelivered(long recipientId, int count) {
}

package org.progjar.chat.message;

import org.progjar.chat.push.PushEvent;

/**
 * A direct message was committed; published after commit, in order per recipient.
 * @param delivered whether it was stored as delivered because the recipient had a listener
 * ({@code inbox_listen}) when it was stored: then those listeners are sent it, and no inbox
 * returns it
 */
public record DirectMessageSent(long recipientId, DirectMessageView message, boolean delivered) implements PushEvent {
}

package org.progjar.chat.message;

import org.progjar.chat.push.PushEvent;

/** A direct message was committed; published after commit, in order per recipient. */
public record DirectMessageSent(long recipientId, DirectMessageView message) implements PushEvent {
}

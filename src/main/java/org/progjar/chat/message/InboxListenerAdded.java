package org.progjar.chat.message;

/**
 * An {@code inbox_listen} committed: the user has one more listener, counted in the same write
 * that handed out the backlog. Published in commit order, on the thread that carries the
 * request's connection, so the transport can tell which connection that is.
 */
public record InboxListenerAdded(long userId, long sessionId) {
}

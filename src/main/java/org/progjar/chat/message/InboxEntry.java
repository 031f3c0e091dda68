package org.progjar.chat.message;

/** One delivered message as {@code inbox} reports it: display names, as the original did. */
public record InboxEntry(long id, String fromUsername, String fromName, String toName, String text) {
}

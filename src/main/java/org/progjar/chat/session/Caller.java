package org.progjar.chat.session;

/** The authenticated user behind a request, as every service sees it. */
public record Caller(long sessionId, long userId, String username, String displayName) {
}

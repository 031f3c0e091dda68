package org.progjar.chat.session;

/**
 * Published, synchronously and before the session row is deleted, when a session ends by
 * logout or expiry, so that other modules (rooms) can let go of it while it still exists.
 */
public record SessionEnding(Caller caller) {
}

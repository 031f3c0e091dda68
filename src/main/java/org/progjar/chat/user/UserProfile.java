package org.progjar.chat.user;

/** What other modules may know about a user: never the password hash. */
public record UserProfile(long id, String username, String displayName, String nationality) {
}

/**
 * Accounts: registration with validated usernames, BCrypt password checks, and user look-ups by
 * name or id. Owns the {@code users} table; other modules see users only as {@link
 * org.progjar.chat.user.UserProfile}.
 */
@NullMarked
package org.progjar.chat.user;

import org.jspecify.annotations.NullMarked;

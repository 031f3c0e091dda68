/**
 * Logins: opaque tokens (only their SHA-256 is stored) that resolve to a {@link
 * org.progjar.chat.session.Caller}, logout, and idle expiry. Owns the {@code sessions} table and
 * tells other modules that a session ends through {@link org.progjar.chat.session.SessionEnding}.
 */
@NullMarked
package org.progjar.chat.session;

import org.jspecify.annotations.NullMarked;

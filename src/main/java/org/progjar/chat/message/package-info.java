/**
 * Direct messages between users: stored for the recipient, delivered once by {@code inbox}.
 * Owns the {@code direct_messages} table and the message length limit shared with rooms.
 */
@NullMarked
package org.progjar.chat.message;

import org.jspecify.annotations.NullMarked;

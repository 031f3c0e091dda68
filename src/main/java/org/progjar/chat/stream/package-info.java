/**
 * Server-Sent Events at {@code GET /api/events}: each HTTP client's live feed of its direct
 * messages and of its session's current room (the same broadcasts a TCP member gets), resumable
 * without gaps or duplicates through {@code Last-Event-ID}. Owns no table: it listens to the
 * {@code pushEvents} channel and replays from the message and room modules.
 */
@NullMarked
package org.progjar.chat.stream;

import org.jspecify.annotations.NullMarked;

/**
 * The TCP transport of the chat protocol, and nothing else: two listeners (line framing and the
 * original's 1024-byte block framing, each plaintext or TLS), parsing, the command table, the connection registry and
 * the push path. Business rules live in the feature modules' services; the {@code ...Commands}
 * classes there are thin adapters onto them.
 */
@NullMarked
package org.progjar.chat.protocol;

import org.jspecify.annotations.NullMarked;

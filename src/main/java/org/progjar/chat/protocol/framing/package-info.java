/**
 * Framings: how one message is cut out of a TCP byte stream and written back into it. Line
 * framing (one LF-terminated line) serves {@code nc} and new clients; block framing (1024-byte
 * space-padded blocks) keeps the original Python {@code smartconn.py} clients working. Both
 * are Spring Integration (de)serializers that never see a request's meaning, only its bytes.
 */
@NullMarked
package org.progjar.chat.protocol.framing;

import org.jspecify.annotations.NullMarked;

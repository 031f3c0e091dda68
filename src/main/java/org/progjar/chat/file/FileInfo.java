package org.progjar.chat.file;

import java.time.Instant;

/** A stored file without its bytes, for listings. */
public record FileInfo(String name, long size, String from, Instant sentAt) {
}

package org.progjar.chat.file;

/** A file's name and bytes, as fetched. */
public record FileContent(String name, byte[] bytes) {
}

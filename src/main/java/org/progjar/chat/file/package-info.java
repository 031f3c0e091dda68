/**
 * Files sent from one user to another, with {@link org.progjar.chat.file.FileName}, the name that
 * can never be a path, and the file size limit shared with rooms. Owns the {@code files} table.
 */
@NullMarked
package org.progjar.chat.file;

import org.jspecify.annotations.NullMarked;

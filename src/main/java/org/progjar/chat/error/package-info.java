/**
 * Failures as the clients see them: one {@link org.progjar.chat.error.ErrorCode} enum shared by
 * the TCP {@code code} and the REST problem {@code code}, and the exception that carries it.
 */
@NullMarked
package org.progjar.chat.error;

import org.jspecify.annotations.NullMarked;

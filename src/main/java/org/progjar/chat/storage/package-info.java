/**
 * Upkeep of the embedded H2 database file, which holds all state: keeping it compact while every
 * commit is written through.
 */
@NullMarked
package org.progjar.chat.storage;

import org.jspecify.annotations.NullMarked;

/**
 * How committed changes reach connected clients: services publish {@link
 * org.progjar.chat.push.PushEvent}s, and the transports subscribe to the {@code pushEvents}
 * channel.
 */
@NullMarked
package org.progjar.chat.push;

import org.jspecify.annotations.NullMarked;

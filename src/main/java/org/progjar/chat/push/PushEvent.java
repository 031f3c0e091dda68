package org.progjar.chat.push;

/**
 * A committed change that clients are told about as it happens: room messages, joins and
 * leaves, direct messages. Services publish these through {@link PushPublisher}; the transports
 * subscribe to the {@link PushChannel}.
 */
public interface PushEvent {
}

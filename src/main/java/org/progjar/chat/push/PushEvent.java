package org.progjar.chat.push;

/**
 * A committed change that clients are told about as it happens: room messages, joins and
 * leaves, direct messages. Services publish these as application events; {@link PushChannel}
 * hands them to the transports.
 */
public interface PushEvent {
}

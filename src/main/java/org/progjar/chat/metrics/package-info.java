/**
 * The chat's own meters, exported with everything else Micrometer measures (JVM, HTTP, the
 * database pool) at {@code /actuator/prometheus} once an operator exposes that endpoint.
 * {@link org.progjar.chat.metrics.ChatMeters} holds the meters the transports feed (delivery
 * latency, slow consumers, rate-limited requests); the activity meters (messages, broadcasts,
 * sessions, the inbox backlog) observe the events the services publish after commit. Gauges of
 * open connections live next to the connections, in the transports. Owns no table.
 */
@NullMarked
package org.progjar.chat.metrics;

import org.jspecify.annotations.NullMarked;

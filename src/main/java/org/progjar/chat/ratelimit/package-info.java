/**
 * Flood control: token buckets per TCP connection, per session and (HTTP requests without a
 * session) per client address, for all requests and, stricter, for those that deliver something
 * to other people. {@link org.progjar.chat.ratelimit.RateLimiter} is the one core; the TCP command
 * table and {@link org.progjar.chat.ratelimit.RateLimitInterceptor} are its two hooks.
 * Password guessing is a different defence and lives with logins, in {@code session}.
 */
@NullMarked
package org.progjar.chat.ratelimit;

import org.jspecify.annotations.NullMarked;

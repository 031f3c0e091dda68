package org.progjar.chat.ratelimit;

/**
 * Published, synchronously on the request's thread, each time flood control refuses a request:
 * the one place to count refusals (a metrics listener must stay cheap).
 */
public record RequestRateLimited(Surface surface, Scope scope) {
}

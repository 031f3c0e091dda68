package org.progjar.chat.error;

import java.time.Duration;

/**
 * A {@link ErrorCode#RATE_LIMITED} refusal with how long the client should wait: TCP sends it as
 * {@code retryAfter}, HTTP as the {@code Retry-After} header, both in whole seconds.
 */
public final class RateLimitedException extends ChatException {

	private final Duration retryAfter;

	public RateLimitedException(String detail, Duration retryAfter) {
		super(ErrorCode.RATE_LIMITED, detail);
		this.retryAfter = retryAfter;
	}

	/** Rounded up, and at least one: waiting less would only be refused again. */
	public long retryAfterSeconds() {
		long seconds = this.retryAfter.toSeconds() + ((this.retryAfter.toNanosPart() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

}

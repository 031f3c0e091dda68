package org.progjar.chat.session;

import java.time.Duration;
import java.time.Instant;

/**
 * A session as requests see it, kept in memory between them so that a request costs no database
 * read; the row in the database stays the truth and is updated when last-seen moves on.
 */
final class LiveSession {

	/** Last-seen is written at most this often: a busy session is not an UPDATE per request. */
	private static final Duration MAX_TOUCH_GRANULARITY = Duration.ofMinutes(1);

	private final Caller caller;

	private Instant lastSeenAt;

	LiveSession(Caller caller, Instant lastSeenAt) {
		this.caller = caller;
		this.lastSeenAt = lastSeenAt;
	}

	Caller caller() {
		return this.caller;
	}

	synchronized boolean isExpired(Instant now, Duration idleTimeout) {
		return this.lastSeenAt.plus(idleTimeout).isBefore(now);
	}

	/**
	 * Records use, coarsely: at most every minute, and often enough for short idle timeouts.
	 * @return whether last-seen moved on and needs writing
	 */
	synchronized boolean touch(Instant now, Duration idleTimeout) {
		Duration granularity = idleTimeout.dividedBy(10);
		if (granularity.compareTo(MAX_TOUCH_GRANULARITY) > 0) {
			granularity = MAX_TOUCH_GRANULARITY;
		}
		if (this.lastSeenAt.plus(granularity).isAfter(now)) {
			return false;
		}
		this.lastSeenAt = now;
		return true;
	}

}

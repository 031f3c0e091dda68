package org.progjar.chat.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Flood control. Each limit is a token bucket: it holds up to {@code burst} requests and refills
 * at {@code per-second}, so a client may send a burst at once and then keep to the rate. The
 * defaults sit far above what a person does by hand (a client that starts up sends a handful of
 * requests, a person types a message every few seconds) and far below what a script can send.
 * @param enabled whether requests are limited at all
 * @param commandsPerSecond every request, per TCP connection, per session and, over HTTP without
 * a session, per client address
 * @param commandsBurst how many requests may come at once
 * @param messagesPerSecond requests that deliver something to others (direct and room messages,
 * files), counted on top of the above
 * @param messagesBurst how many such requests may come at once (a pasted paragraph sent line by line)
 * @param maxTracked most buckets kept per limit; an idle bucket is dropped anyway once it would
 * have refilled, so this only matters under an attack from very many clients at once
 */
@ConfigurationProperties("chat.rate-limit")
public record RateLimitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("20") int commandsPerSecond,
		@DefaultValue("40") int commandsBurst, @DefaultValue("5") int messagesPerSecond,
		@DefaultValue("20") int messagesBurst, @DefaultValue("100000") int maxTracked) {

	public RateLimitSettings {
		if (commandsPerSecond < 1 || commandsBurst < 1 || messagesPerSecond < 1 || messagesBurst < 1 || maxTracked < 1) {
			throw new IllegalArgumentException("Rate limits, bursts and max-tracked must be at least 1");
		}
	}

	int perSecond(Scope scope) {
		return (scope == Scope.COMMANDS) ? this.commandsPerSecond : this.messagesPerSecond;
	}

	int burst(Scope scope) {
		return (scope == Scope.COMMANDS) ? this.commandsBurst : this.messagesBurst;
	}

	/** How long an empty bucket takes to fill up again: after that an idle one is as good as new. */
	Duration refillTime(Scope scope) {
		return Duration.ofNanos(Math.ceilDiv(burst(scope) * 1_000_000_000L, perSecond(scope)));
	}

}

package org.progjar.chat.soak;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * What a soak run does, from {@code -Dsoak.*} system properties (docs/soak.md); the defaults
 * are the documented run.
 * @param duration how long the measured load runs (at most 30 minutes)
 * @param warmUp load before the first measurement, so that caches and pools are filled
 * @param lineClients clients on the line listener, each its own user and connection
 * @param legacyClients clients on the block-framing listener
 * @param httpClients REST clients, sharing one HTTP client
 * @param rooms rooms the clients move between
 * @param thinkTime longest pause between two requests of one client
 * @param responseTimeout how long a TCP client waits for an answer before it counts the
 * connection as broken and connects again
 * @param disconnectPercent requests out of a hundred replaced by an abrupt disconnect
 * @param heapSlack how much more heap than at the start the server may hold at the end
 * @param threadSlack how many more live threads than at the start there may be at the end
 */
record SoakSettings(Duration duration, Duration warmUp, int lineClients, int legacyClients, int httpClients, int rooms,
		Duration thinkTime, Duration responseTimeout, int disconnectPercent, DataSize heapSlack, int threadSlack) {

	private static final Duration LONGEST = Duration.ofMinutes(30);

	SoakSettings {
		Assert.isTrue(duration.compareTo(LONGEST) <= 0, "soak.duration is at most 30 minutes");
		Assert.isTrue(lineClients + legacyClients + httpClients > 0, "a soak needs clients");
	}

	static SoakSettings fromSystemProperties() {
		return new SoakSettings(duration("soak.duration", "3m"), duration("soak.warm-up", "20s"),
				Integer.getInteger("soak.line-clients", 200), Integer.getInteger("soak.legacy-clients", 60),
				Integer.getInteger("soak.http-clients", 40), Integer.getInteger("soak.rooms", 8),
				duration("soak.think-time", "1s"), duration("soak.response-timeout", "60s"), Integer.getInteger("soak.disconnect-percent", 3),
				DataSize.parse(System.getProperty("soak.heap-slack", "64MB")),
				Integer.getInteger("soak.thread-slack", 16));
	}

	private static Duration duration(String property, String fallback) {
		return DurationStyle.detectAndParse(System.getProperty(property, fallback));
	}

}

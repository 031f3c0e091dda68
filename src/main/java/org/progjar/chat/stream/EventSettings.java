package org.progjar.chat.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param heartbeat how often every stream gets a comment line: proxies keep an idle stream open,
 * and a client that went away is noticed when the write fails
 * @param queueCapacity live events that may wait for one slow client; a client that lets more pile
 * up is not reading and its stream is ended (it reconnects and resumes)
 * @param replayLimit most direct messages, and most room messages, one reconnection replays. A
 * client further behind gets that many, then the stream ends and its next reconnection goes on
 * from there: catching up is paged, never a gap.
 */
@ConfigurationProperties("chat.events")
public record EventSettings(@DefaultValue("15s") Duration heartbeat, @DefaultValue("256") int queueCapacity,
		@DefaultValue("1000") int replayLimit) {

	public EventSettings {
		if (heartbeat.isNegative() || heartbeat.isZero()) {
			throw new IllegalArgumentException("chat.events.heartbeat must be positive");
		}
		if (queueCapacity < 1 || replayLimit < 1) {
			throw new IllegalArgumentException("chat.events.queue-capacity and replay-limit must be at least 1");
		}
	}

}

package org.progjar.chat.metrics;

import org.progjar.chat.metrics.ChatMeters.Transport;
import org.progjar.chat.ratelimit.RequestRateLimited;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Counts the requests flood control refused, by the transport they came over. */
@Component
class RateLimitMetrics {

	private final ChatMeters meters;

	RateLimitMetrics(ChatMeters meters) {
		this.meters = meters;
	}

	@EventListener
	void rateLimited(RequestRateLimited refused) {
		this.meters.rateLimited(switch (refused.surface()) {
			case TCP -> Transport.TCP;
			case HTTP -> Transport.HTTP;
		});
	}

}

package org.progjar.chat.push;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.PublishSubscribeChannel;

/**
 * The one publish/subscribe path from the services to the transports (TCP connections, HTTP
 * event streams) and the activity metrics. It is a synchronous Spring Integration channel:
 * subscribers run on the publishing thread (the group committer), in commit order, so each sees
 * events in that order. A multi-node deployment would swap this channel for a broker-backed one
 * without touching the services.
 */
@Configuration(proxyBeanMethods = false)
public class PushChannel {

	public static final String NAME = "pushEvents";

	@Bean(NAME)
	PublishSubscribeChannel pushEvents() {
		return new PublishSubscribeChannel();
	}

}

package org.progjar.chat.push;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.messaging.support.GenericMessage;

/**
 * The one publish/subscribe path from the services to the transports (TCP connections, HTTP
 * event streams). It is a synchronous Spring Integration channel: subscribers run on the
 * publishing thread, inside the ordering the service holds (a room's lock, a recipient's lock),
 * so each sees events in that order. A multi-node deployment would swap this channel for a
 * broker-backed one without touching the services.
 */
@Configuration(proxyBeanMethods = false)
public class PushChannel {

	public static final String NAME = "pushEvents";

	@Bean(NAME)
	PublishSubscribeChannel pushEvents() {
		return new PublishSubscribeChannel();
	}

	@Bean
	Forwarder pushEventForwarder(PublishSubscribeChannel pushEvents) {
		return new Forwarder(pushEvents);
	}

	/** Services publish plain application events; this puts them on the channel. */
	static final class Forwarder {

		private final PublishSubscribeChannel channel;

		Forwarder(PublishSubscribeChannel channel) {
			this.channel = channel;
		}

		@EventListener
		void forward(PushEvent event) {
			this.channel.send(new GenericMessage<>(event));
		}

	}

}

package org.progjar.chat.room;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.messaging.support.GenericMessage;

/**
 * The one publish/subscribe path from rooms to the transports. It is a synchronous Spring
 * Integration channel: subscribers run on the publishing thread, inside the room's ordering, so
 * they see events in room order. A multi-node deployment would swap this channel for a
 * broker-backed one without touching the services.
 */
@Configuration(proxyBeanMethods = false)
public class RoomEventChannel {

	public static final String NAME = "roomEvents";

	@Bean(NAME)
	PublishSubscribeChannel roomEvents() {
		return new PublishSubscribeChannel();
	}

	@Bean
	RoomEventForwarder roomEventForwarder(PublishSubscribeChannel roomEvents) {
		return new RoomEventForwarder(roomEvents);
	}

	/** Services publish plain application events; this puts them on the channel. */
	static final class RoomEventForwarder {

		private final PublishSubscribeChannel channel;

		RoomEventForwarder(PublishSubscribeChannel channel) {
			this.channel = channel;
		}

		@EventListener
		void forward(RoomEvent event) {
			this.channel.send(new GenericMessage<>(event));
		}

	}

}

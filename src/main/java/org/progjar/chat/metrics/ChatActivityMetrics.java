package org.progjar.chat.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.progjar.chat.message.DirectMessageSent;
import org.progjar.chat.message.MessageService;
import org.progjar.chat.push.PushChannel;
import org.progjar.chat.room.RoomMessagePosted;
import org.progjar.chat.session.SessionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * What users do, counted from the push events the services publish after commit, so a count is
 * never ahead of the database. The counting runs on the publishing thread and only adds to
 * counters: it cannot fail or slow down the request that published.
 */
@Configuration(proxyBeanMethods = false)
class ChatActivityMetrics {

	private final Counter directMessages;

	private final Counter roomMessages;

	private final Counter broadcasts;

	ChatActivityMetrics(MeterRegistry registry, MessageService messages, SessionService sessions) {
		this.directMessages = sent("direct", registry);
		this.roomMessages = sent("room", registry);
		this.broadcasts = Counter.builder("chat.room.broadcasts")
			.description("Room events broadcast to the room's members: chat lines and join/leave notices")
			.register(registry);
		Gauge.builder("chat.inbox.backlog", messages, MessageService::countUndelivered)
			.description("Direct messages stored and not delivered yet: by an inbox call (TCP inbox or inbox_listen,"
					+ " POST /api/inbox), or as they were stored to a listening TCP connection")
			.register(registry);
		Gauge.builder("chat.sessions.active", sessions, SessionService::countActive)
			.description("Logged-in sessions not idle past chat.sessions.idle-timeout (read from the database)")
			.register(registry);
	}

	@Bean
	IntegrationFlow pushEventsToActivityMetrics() {
		return IntegrationFlow.from(PushChannel.NAME).handle((message) -> {
			switch (message.getPayload()) {
				case DirectMessageSent sent -> this.directMessages.increment();
				case RoomMessagePosted posted -> {
					this.broadcasts.increment();
					if (!posted.system()) {
						this.roomMessages.increment();
					}
				}
				default -> {
				}
			}
		}).get();
	}

	private static Counter sent(String kind, MeterRegistry registry) {
		return Counter.builder("chat.messages.sent")
			.description("Messages users sent, counted once committed: direct messages and room chat lines")
			.tag("kind", kind)
			.register(registry);
	}

}

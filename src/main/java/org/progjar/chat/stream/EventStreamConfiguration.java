package org.progjar.chat.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.progjar.chat.push.PushChannel;
import org.progjar.chat.push.PushEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** How the streams hear of what happens (the push channel) and of time passing (heartbeats). */
@Configuration(proxyBeanMethods = false)
class EventStreamConfiguration implements SchedulingConfigurer {

	private final EventStreams streams;

	private final EventSettings settings;

	EventStreamConfiguration(EventStreams streams, EventSettings settings) {
		this.streams = streams;
		this.settings = settings;
	}

	/** Every push event, direct messages included, on the publishing thread and in its order. */
	@Bean
	IntegrationFlow pushEventsToStreams() {
		return IntegrationFlow.from(PushChannel.NAME)
			.handle((message) -> this.streams.publish((PushEvent) message.getPayload()))
			.get();
	}

	/** Open streams, {@code chat.event.streams}, counted when scraped. */
	@Bean
	MeterBinder eventStreamsMeter() {
		return (registry) -> Gauge.builder("chat.event.streams", this.streams, EventStreams::openStreams)
			.description("Open event streams (GET /api/events)")
			.register(registry);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this.streams::heartbeat, this.settings.heartbeat());
	}

}

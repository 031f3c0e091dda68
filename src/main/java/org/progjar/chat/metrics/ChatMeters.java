package org.progjar.chat.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The meters that the transports and the request limits feed, each tagged with the {@link
 * Transport} it was measured on. All are registered up front, so a series shows 0 rather than
 * nothing before its first event.
 */
@Component
public class ChatMeters {

	private final Map<Transport, Timer> deliveryLatency;

	private final Map<Transport, Counter> slowConsumers;

	private final Map<Transport, Counter> rateLimited;

	ChatMeters(MeterRegistry registry) {
		this.deliveryLatency = perTransport((transport) -> Timer.builder("chat.delivery.latency")
			.description("Time from an event (room broadcast; over HTTP also a direct message) being queued "
					+ "for a client, right after commit, until it is written to the client's connection")
			.tag("transport", transport.tag())
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(registry));
		this.slowConsumers = perTransport((transport) -> Counter.builder("chat.slow.consumer.disconnects")
			.description("Clients disconnected (TCP) or whose event stream was ended (HTTP) because they "
					+ "stopped reading and their outbound queue filled up")
			.tag("transport", transport.tag())
			.register(registry));
		this.rateLimited = perTransport((transport) -> Counter.builder("chat.requests.rate.limited")
			.description("Requests refused because their client went over its request rate limit")
			.tag("transport", transport.tag())
			.register(registry));
	}

	/**
	 * An event queued at {@code queuedAtNanos} was written at {@code writtenAtNanos}, both read
	 * from {@link System#nanoTime()}.
	 */
	public void delivered(Transport transport, long queuedAtNanos, long writtenAtNanos) {
		this.deliveryLatency.get(transport).record(writtenAtNanos - queuedAtNanos, TimeUnit.NANOSECONDS);
	}

	/** A client was cut off because it let its outbound queue fill up. */
	public void slowConsumerDisconnected(Transport transport) {
		this.slowConsumers.get(transport).increment();
	}

	/** A request was refused by the rate limit (TCP: the request got an error; HTTP: a 429). */
	public void rateLimited(Transport transport) {
		this.rateLimited.get(transport).increment();
	}

	private static <M> Map<Transport, M> perTransport(Function<Transport, M> meter) {
		Map<Transport, M> meters = new EnumMap<>(Transport.class);
		for (Transport transport : Transport.values()) {
			meters.put(transport, meter.apply(transport));
		}
		return meters;
	}

	/** Where a meter was measured: the TCP listeners (both framings), or HTTP (REST and event streams). */
	public enum Transport {

		TCP, HTTP;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}

package org.progjar.chat.protocol;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * Open connections per listener, {@code chat.tcp.connections} tagged {@code listener=line} or
 * {@code legacy}. Read from the listener itself when scraped (which also forgets the connections
 * that have closed), so the number cannot drift from what the listener holds.
 */
@Configuration(proxyBeanMethods = false)
class TcpListenerMetrics {

	@Bean
	MeterBinder tcpConnectionsMeter(
			@Qualifier(TcpServerConfiguration.LINE_SERVER) TcpNetServerConnectionFactory lineServer,
			@Qualifier(TcpServerConfiguration.LEGACY_SERVER) TcpNetServerConnectionFactory legacyServer) {
		return (registry) -> {
			gauge("line", lineServer).register(registry);
			gauge("legacy", legacyServer).register(registry);
		};
	}

	private static Gauge.Builder<TcpNetServerConnectionFactory> gauge(String listener,
			TcpNetServerConnectionFactory factory) {
		return Gauge.builder("chat.tcp.connections", factory, (server) -> server.getOpenConnectionIds().size())
			.description("Open TCP connections on the listener")
			.tag("listener", listener);
	}

}

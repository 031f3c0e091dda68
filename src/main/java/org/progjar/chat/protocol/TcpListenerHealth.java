package org.progjar.chat.protocol;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * One health indicator per TCP listener. The web server being up says nothing about the ports
 * the legacy clients use, so each listener reports on its own: {@code tcpLine} and
 * {@code tcpLegacy} in {@code /actuator/health} (Boot drops the {@code HealthIndicator} suffix
 * of the bean name).
 */
@Configuration(proxyBeanMethods = false)
class TcpListenerHealth {

	@Bean
	HealthIndicator tcpLineHealthIndicator(
			@Qualifier(TcpServerConfiguration.LINE_SERVER) TcpNetServerConnectionFactory lineServer) {
		return new Listener(lineServer);
	}

	@Bean
	HealthIndicator tcpLegacyHealthIndicator(
			@Qualifier(TcpServerConfiguration.LEGACY_SERVER) TcpNetServerConnectionFactory legacyServer) {
		return new Listener(legacyServer);
	}

	/** UP while the factory accepts connections; the port is a detail, shown only when details are. */
	private record Listener(TcpNetServerConnectionFactory factory) implements HealthIndicator {

		@Override
		public Health health() {
			Health.Builder health = this.factory.isListening() ? Health.up() : Health.down();
			// Once listening, the factory reports the bound port, so a configured 0 shows the real one.
			return health.withDetail("port", this.factory.getPort()).build();
		}

	}

}

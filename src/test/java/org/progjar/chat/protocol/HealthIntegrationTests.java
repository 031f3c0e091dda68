package org.progjar.chat.protocol;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi.Result;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The actuator over real HTTP: health with the database and both TCP listeners, info, and nothing more. */
@ChatServerTest
class HealthIntegrationTests {

	@Autowired
	ChatServer server;

	@Autowired
	HealthIndicator tcpLineHealthIndicator;

	@Autowired
	HealthIndicator tcpLegacyHealthIndicator;

	@Test
	void healthIsUpWithTheDatabaseAndBothListenersAsComponents() {
		this.server.linePort();
		this.server.legacyPort();
		Result health = this.server.http().get("/actuator/health", null);
		assertThat(health.status()).isEqualTo(200);
		JsonNode body = health.json();
		assertThat(body.get("status").asString()).isEqualTo("UP");
		JsonNode components = body.get("components");
		for (String component : new String[] { "db", "tcpLine", "tcpLegacy" }) {
			assertThat(components.has(component)).as("component %s in %s", component, body).isTrue();
			assertThat(components.get(component).get("status").asString()).isEqualTo("UP");
			// Details (such as the ports) are not shown to anonymous callers.
			assertThat(components.get(component).has("details")).as(component).isFalse();
		}
	}

	@Test
	void aListenerIsUpWithItsPortWhileListeningAndDownOtherwise() {
		Health line = this.tcpLineHealthIndicator.health();
		assertThat(line.getStatus()).isEqualTo(Status.UP);
		assertThat(line.getDetails()).containsEntry("port", this.server.linePort());
		assertThat(this.tcpLegacyHealthIndicator.health().getDetails()).containsEntry("port", this.server.legacyPort());
		// A factory that was never started is not listening.
		HealthIndicator idle = new TcpListenerHealth().tcpLineHealthIndicator(new TcpNetServerConnectionFactory(0));
		assertThat(idle.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void infoNamesTheApplicationAndItsVersion() {
		Result info = this.server.http().get("/actuator/info", null);
		assertThat(info.status()).isEqualTo(200);
		JsonNode body = info.json();
		assertThat(body.get("app").get("name").asString()).isEqualTo("chat-server");
		assertThat(body.get("app").get("version").asString()).isNotBlank().doesNotContain("@");
		assertThat(body.get("build").get("version").asString()).isEqualTo(body.get("app").get("version").asString());
	}

	@Test
	void nothingButHealthAndInfoIsExposed() {
		for (String endpoint : new String[] { "env", "beans", "configprops", "mappings", "loggers", "heapdump",
				"threaddump", "metrics", "shutdown", "prometheus", "backup" }) {
			assertThat(this.server.http().get("/actuator/" + endpoint, null).status()).as(endpoint).isEqualTo(404);
		}
		// Not even to a POST, which is how the backup endpoint is called when it is on.
		assertThat(this.server.http().postRaw("/actuator/backup", null, "application/json", "").status()).isEqualTo(404);
		JsonNode links = this.server.http().get("/actuator", null).json().get("_links");
		assertThat(links.propertyNames()).containsOnly("self", "health", "health-path", "info");
	}

}

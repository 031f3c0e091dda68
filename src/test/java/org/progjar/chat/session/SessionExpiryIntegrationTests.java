package org.progjar.chat.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServer.TestUser;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sessions end after the configured idle time; here three seconds, so the test can wait for it. */
@ChatServerTest
@TestPropertySource(properties = { "chat.sessions.idle-timeout=3s", "chat.sessions.purge-interval=200ms" })
class SessionExpiryIntegrationTests {

	@Autowired
	ChatServer server;

	@Test
	void aSessionInUseStaysValid() {
		TestUser user = this.server.newUser("busy");
		try (TcpClient client = this.server.lineClient()) {
			long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (System.nanoTime() < until) {
				client.requestOk("inbox", "session", user.token());
				await().pollDelay(Duration.ofMillis(300)).until(() -> true);
			}
		}
	}

	@Test
	void anIdleSessionExpiresAndLeavesItsRoom() {
		TestUser idle = this.server.newUser("idle");
		TestUser watcher = this.server.newUser("watcher");
		String room = ChatServer.uniqueName("expiry");
		try (TcpClient idleClient = this.server.lineClient(); TcpClient watcherClient = this.server.lineClient()) {
			idleClient.requestOk("room_join", "session", idle.token(), "roomname", room);
			watcherClient.requestOk("room_join", "session", watcher.token(), "roomname", room);
			idleClient.nextEvent();

			// The watcher keeps its own session alive while it waits for the purge's leave notice.
			JsonNode left = await().atMost(Duration.ofSeconds(15)).until(() -> {
				watcherClient.requestOk("inbox", "session", watcher.token());
				return (watcherClient.pendingEvents() > 0) ? watcherClient.nextEvent() : null;
			}, (event) -> event != null);
			assertThat(left.get("username").asString()).isEqualTo("[System]");
			assertThat(left.get("messages").asString()).contains(idle.name()).contains("left");
			assertThat(idleClient.requestError("inbox", "session", idle.token()).get("code").asString())
				.isEqualTo("INVALID_SESSION");
		}
	}

}

package org.progjar.chat.protocol;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.TcpClient;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an answered connection keeps on the heap. Spring Integration's own write buffer is as big
 * as the socket's send buffer, which Linux reports as megabytes on loopback: a few hundred
 * clients would fill a heap. Ours is a few kilobytes.
 */
@ChatServerTest
class ConnectionMemoryIntegrationTests {

	private static final int CLIENTS = 200;

	@Autowired
	ChatServer server;

	@Test
	void anAnsweredConnectionHoldsKilobytesNotItsSocketSendBuffer() {
		List<TcpClient> clients = new ArrayList<>();
		try {
			long before = usedHeapAfterGc();
			for (int i = 0; i < CLIENTS; i++) {
				TcpClient client = this.server.lineClient();
				clients.add(client);
				client.requestError("inbox", "session", "no-such-token");
			}
			long perConnection = (usedHeapAfterGc() - before) / CLIENTS;
			// About 25 KB are expected; the socket's send buffer would be megabytes.
			assertThat(perConnection).isLessThan(256 * 1024);
		}
		finally {
			clients.forEach(TcpClient::close);
		}
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}

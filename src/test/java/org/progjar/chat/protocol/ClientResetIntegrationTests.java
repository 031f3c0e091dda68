package org.progjar.chat.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client that resets its connection has gone away: the server lets go of it without logging an error. */
@ChatServerTest
@ExtendWith(OutputCaptureExtension.class)
class ClientResetIntegrationTests {

	@Autowired
	ChatServer server;

	@Autowired
	ApplicationContext context;

	@Test
	void aResetIsNotLoggedAsAnErrorAndTheConnectionIsReleased(CapturedOutput output) throws IOException {
		int before = TcpConnectionCount.of(this.context);
		for (int port : new int[] { this.server.linePort(), this.server.legacyPort() }) {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				// A request answered first: the server's reader is then waiting on this socket.
				socket.getOutputStream().write("nonsense\n".getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().write(" ".repeat(1024).getBytes(StandardCharsets.US_ASCII));
				InputStream in = socket.getInputStream();
				assertThat(in.read()).isEqualTo('{');
				socket.setSoLinger(true, 0);
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> TcpConnectionCount.of(this.context) == before);
		assertThat(output.getAll()).doesNotContain("Read exception").doesNotContain("Connection reset");
	}

}

package org.progjar.chat.protocol;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.progjar.chat.testing.ServerProcess;
import org.progjar.chat.testing.TcpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens to the TCP listeners when the operating system says no, on a real server process:
 * a port that is taken at start-up, and a process out of open files.
 */
class TcpListenerFailuresIntegrationTests {

	/** The server process uses about 180 files after start-up, most of them its class path's jars. */
	private static final int OPEN_FILE_LIMIT = 400;

	/** Surely more than the files left: the rest wait in the listener's accept queue. */
	private static final int FLOOD = OPEN_FILE_LIMIT;

	@Test
	void aTakenLinePortFailsStartUpAndSaysWhatToDo(@TempDir Path directory) throws Exception {
		try (ServerSocket taken = new ServerSocket()) {
			// All interfaces, as the server binds by default.
			taken.bind(new InetSocketAddress(0));
			int port = taken.getLocalPort();
			try (ServerProcess server = ServerProcess.launch(directory, "jdbc:h2:mem:taken", "taken-port", port)) {
				assertThat(server.awaitExit(Duration.ofMinutes(2))).as("exit status").isNotZero();
				String log = Files.readString(server.log());
				assertThat(log).contains("APPLICATION FAILED TO START")
					.contains("The TCP listener of chat.tcp.port could not listen on port " + port + ": ")
					.contains("Stop the process that uses port " + port + ", or set chat.tcp.port to another port")
					.doesNotContain("Started ChatApplication");
			}
		}
	}

	@Test
	void aListenerOutOfOpenFilesKeepsItsConnectionsAndAcceptsAgainOnceFilesAreFree(@TempDir Path directory)
			throws Exception {
		try (ServerProcess server = ServerProcess.startWithOpenFileLimit(directory, "jdbc:h2:mem:files", "few-files",
				OPEN_FILE_LIMIT, "--chat.tcp.max-connections-per-address=" + (2 * FLOOD));
				TcpClient early = TcpClient.line(server.linePort())) {
			early.requestOk("register", "username", "early", "password", "password123", "name", "Early",
					"nationality", "Indonesia");
			String token = early.requestOk("auth", "username", "early", "password", "password123")
				.get("tokenid")
				.asString();

			List<Socket> flood = new ArrayList<>();
			try {
				for (int i = 0; i < FLOOD; i++) {
					Socket socket = new Socket();
					flood.add(socket);
					try {
						socket.connect(new InetSocketAddress("127.0.0.1", server.linePort()), 5_000);
					}
					catch (ConnectException ex) {
						// The listener has closed its port: it ran out of files already.
						break;
					}
				}
				// Spring Integration logs the failed accept.
				await().atMost(Duration.ofSeconds(30))
					.until(() -> Files.readString(server.log()).contains("Too many open files"));
			}
			finally {
				for (Socket socket : flood) {
					closeQuietly(socket);
				}
			}

			// The connection from before is still open and served.
			assertThat(early.requestOk("send", "session", token, "destination", "early", "message", "still here")
				.get("user")
				.asString()).isEqualTo("early");
			// And, once the server has closed its side of the flood, new ones are accepted again.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				try (TcpClient late = TcpClient.line(server.linePort()).withReadTimeout(Duration.ofSeconds(2))) {
					assertThat(late.requestOk("auth", "username", "early", "password", "password123").has("tokenid"))
						.isTrue();
				}
			});
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing is all that is wanted.
		}
	}

}

package org.progjar.chat.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

/** The running server as a test sees it: its two ports, and helpers to get a logged-in user fast. */
@TestComponent
public class ChatServer {

	private static final AtomicInteger names = new AtomicInteger();

	private static final AtomicInteger addresses = new AtomicInteger();

	private final TcpNetServerConnectionFactory lineServer;

	private final TcpNetServerConnectionFactory legacyServer;

	private final Environment environment;

	ChatServer(@Qualifier("lineServer") TcpNetServerConnectionFactory lineServer,
			@Qualifier("legacyServer") TcpNetServerConnectionFactory legacyServer, Environment environment) {
		this.lineServer = lineServer;
		this.legacyServer = legacyServer;
		this.environment = environment;
	}

	/** The HTTP API on the server's random port. */
	public HttpApi http() {
		return new HttpApi(this.environment.getRequiredProperty("local.server.port", Integer.class));
	}

	/** The HTTP API, with requests coming from another loopback address such as 127.0.0.2. */
	public HttpApi http(InetAddress from) {
		return new HttpApi(this.environment.getRequiredProperty("local.server.port", Integer.class), from);
	}

	public int linePort() {
		TestingUtilities.waitListening(this.lineServer, 10_000L);
		return this.lineServer.getPort();
	}

	public int legacyPort() {
		TestingUtilities.waitListening(this.legacyServer, 10_000L);
		return this.legacyServer.getPort();
	}

	public TcpClient lineClient() {
		return TcpClient.line(linePort());
	}

	/** A line client connecting from another loopback address such as 127.0.0.2. */
	public TcpClient lineClient(InetAddress from) {
		return TcpClient.line(linePort(), from);
	}

	public TcpClient legacyClient() {
		return TcpClient.legacy(legacyPort());
	}

	/**
	 * A loopback address no other test uses (127.0.1.1, 127.0.1.2, ...), for a test that needs
	 * clients at different addresses: Linux routes all of 127.0.0.0/8 to the loopback interface.
	 */
	public static InetAddress uniqueAddress() {
		int n = addresses.incrementAndGet();
		try {
			return InetAddress.getByAddress(new byte[] { 127, 0, (byte) (1 + n / 250), (byte) (1 + n % 250) });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("4 bytes are an IPv4 address", ex);
		}
	}

	/** A name no other test uses, valid as a username and a room name. */
	public static String uniqueName(String prefix) {
		return prefix + "-" + ProcessHandle.current().pid() + "-" + names.incrementAndGet();
	}

	/** Registers a fresh user (password {@code password123}) and returns a token for it. */
	public TestUser newUser(String prefix) {
		try (TcpClient client = lineClient()) {
			String username = uniqueName(prefix);
			String name = "Name of " + username;
			client.requestOk("register", "username", username, "password", "password123", "name", name,
					"nationality", "Indonesia");
			String token = client.requestOk("auth", "username", username, "password", "password123")
				.get("tokenid")
				.asString();
			return new TestUser(username, name, token);
		}
	}

	public record TestUser(String username, String name, String token) {
	}

}

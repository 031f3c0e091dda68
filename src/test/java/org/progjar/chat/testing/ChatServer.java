package org.progjar.chat.testing;

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

	public TcpClient legacyClient() {
		return TcpClient.legacy(legacyPort());
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

package org.progjar.chat.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** IRC (RFC 1459/2812 client side): NICK, USER, JOIN, PRIVMSG, PING/PONG; no accounts. */
final class IrcProtocol implements Protocol {

	private final InetSocketAddress server;

	IrcProtocol(InetSocketAddress server) {
		this.server = server;
	}

	@Override
	public void prepareUsers(int count, List<NioLoop> loops) {
		// anyone may connect under any free nick
	}

	@Override
	public CompletableFuture<Client> login(NioLoop loop, InetAddress source, int user, String prefix) {
		return loop.connect(this.server, source).thenCompose((conn) -> {
			IrcClient client = new IrcClient(conn, user, prefix + user);
			conn.handler = client;
			return client.register().thenApply((v) -> client);
		});
	}

	@Override
	public boolean echoesToSender() {
		return false;
	}

}

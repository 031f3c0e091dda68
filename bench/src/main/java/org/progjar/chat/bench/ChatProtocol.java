package org.progjar.chat.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Our line protocol. Users are {@code u0, u1, ...}, registered and logged in once per server
 * (a BCrypt hash each), and their tokens are reused by every connection afterwards, as the
 * protocol allows: a token is valid on any number of connections.
 */
final class ChatProtocol implements Protocol {

	static final String PASSWORD = "bench-password";

	private static final int SETUP_CONNECTIONS = 4;

	private final InetSocketAddress server;

	private String[] tokens = new String[0];

	ChatProtocol(InetSocketAddress server) {
		this.server = server;
	}

	static String username(int user) {
		return "u" + user;
	}

	String token(int user) {
		return this.tokens[user];
	}

	int users() {
		return this.tokens.length;
	}

	@Override
	public void prepareUsers(int count, List<NioLoop> loops) throws Exception {
		if (count <= this.tokens.length) {
			return;
		}
		int first = this.tokens.length;
		String[] more = Arrays.copyOf(this.tokens, count);
		List<CompletableFuture<Void>> chains = new ArrayList<>();
		for (int c = 0; c < SETUP_CONNECTIONS; c++) {
			int lane = c;
			chains.add(connect(loops.get(c % loops.size()), null, -1, null).thenCompose((client) -> {
				CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
				for (int user = first + lane; user < count; user += SETUP_CONNECTIONS) {
					int u = user;
					chain = chain.thenCompose((v) -> register(client, u))
						.thenCompose((v) -> auth(client, u))
						.thenAccept((token) -> more[u] = token);
				}
				return chain.whenComplete((v, ex) -> client.conn.close());
			}));
		}
		CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
		this.tokens = more;
	}

	private static CompletableFuture<Void> register(ChatClient client, int user) {
		String name = username(user);
		return client.request("register username=" + name + "&password=" + PASSWORD + "&name=" + name
				+ "&nationality=bench").thenAccept((response) -> {
					if (!response.startsWith("{\"status\":\"OK\"") && !response.contains("USERNAME_TAKEN")) {
						throw new IllegalStateException("register " + name + ": " + response);
					}
				});
	}

	/** Logs in once: a new session, one BCrypt check on the server. */
	static CompletableFuture<String> auth(ChatClient client, int user) {
		return client.request("auth username=" + username(user) + "&password=" + PASSWORD).thenApply((response) -> {
			String token = Json.string(response, "tokenid");
			if (token == null) {
				throw new IllegalStateException("auth " + username(user) + ": " + response);
			}
			return token;
		});
	}

	@Override
	public CompletableFuture<Client> login(NioLoop loop, InetAddress source, int user, String prefix) {
		return connect(loop, source, user, this.tokens[user]).thenApply((client) -> client);
	}

	CompletableFuture<ChatClient> connect(NioLoop loop, InetAddress source, int user, String token) {
		return loop.connect(this.server, source).thenApply((conn) -> {
			ChatClient client = new ChatClient(conn, user, (user >= 0) ? username(user) : "setup", token);
			conn.handler = client;
			return client;
		});
	}

	@Override
	public boolean echoesToSender() {
		return true;
	}

}

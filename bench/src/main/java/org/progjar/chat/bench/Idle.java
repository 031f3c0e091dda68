package org.progjar.chat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code idle}: N connections, each logged in and in a room, then left idle. Measures how fast
 * they are set up (connect, log in, join; at most a per-server number in flight) and the
 * server's resident memory before and after, per connection.
 *
 * <p>Ours logs in with tokens obtained earlier, shared round robin by the connections (one per
 * room), as the protocol allows; hashing a password per connection would measure BCrypt. IRC
 * has no passwords: NICK and USER are the login. The connections come from several 127.0.0.x
 * addresses, so that N may exceed one address's ephemeral ports; they are dropped with a reset
 * at the end, which leaves no TIME_WAIT behind for the next run.
 */
final class Idle implements Scenario {

	private static final long SETTLE_MILLIS = 3000;

	private final int connections;

	private final int rooms;

	Idle(int connections, int rooms) {
		this.connections = connections;
		this.rooms = Math.min(rooms, connections);
	}

	@Override
	public String label() {
		return "idle N=" + this.connections;
	}

	@Override
	public int usersNeeded() {
		return this.rooms;
	}

	/** Memory per connection is read on a fresh server: a warm-up run would leave its own. */
	@Override
	public boolean warmsUp() {
		return false;
	}

	@Override
	public boolean supports(Context context) {
		return true;
	}

	@Override
	public List<Outcome> run(Context context) throws Exception {
		String tag = context.tags().next("i");
		Problems problems = new Problems();
		settle();
		long rssBefore = rssKib(context);
		long start = System.nanoTime();
		List<Client> clients = Clients.open(this.connections, context.inflight(), (i) -> {
			int room = i % this.rooms;
			// ours: the user (and token) of the room; IRC: a nick of its own per connection
			int user = (context.protocol() instanceof ChatProtocol) ? room : i;
			CompletableFuture<Client> login = context.protocol().login(context.loop(i), context.source(i), user, tag);
			return login.thenCompose((client) -> client.join("idle" + tag + room).thenApply((v) -> client));
		});
		long end = System.nanoTime();
		try {
			for (Client client : clients) {
				client.deliveries = new Client.Deliveries() {
					@Override
					public void onMessage(Client receiver, long text, long seq, long nanos) {
					}

					@Override
					public void onError(Client client, String problem) {
						problems.add("connection " + client.index + ": " + problem);
					}
				};
			}
			settle();
			long rssAfter = rssKib(context);
			Map<String, Double> metrics = new LinkedHashMap<>();
			metrics.put("connections_per_s", this.connections / ((end - start) / 1e9));
			if (rssBefore > 0 && rssAfter > 0) {
				metrics.put("kib_per_connection", (rssAfter - rssBefore) / (double) this.connections);
				metrics.put("rss_before_mib", rssBefore / 1024.0);
				metrics.put("rss_after_mib", rssAfter / 1024.0);
			}
			return List.of(new Outcome(label(), metrics, problems.list()));
		}
		finally {
			abortAll(clients);
		}
	}

	private static void abortAll(List<Client> clients) {
		List<CompletableFuture<Void>> closing = new ArrayList<>(clients.size());
		for (Client client : clients) {
			client.deliveries = Client.Deliveries.NONE;
			closing.add(client.conn.abort());
		}
		try {
			CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			System.err.println("bench: closing connections: " + ex);
		}
		settle();
	}

	/** Gives the server time to finish what the last step left (closes, buffers) before a reading. */
	private static void settle() {
		try {
			Thread.sleep(SETTLE_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The server's VmRSS in KiB, 0 when unknown. A Java server's heap is collected first (and G1
	 * gives back what it no longer needs): otherwise the reading would count the garbage that
	 * setting up the connections left in the young generation, not what the connections hold.
	 */
	static long rssKib(Context context) throws IOException, InterruptedException {
		if (context.pid() <= 0) {
			return 0;
		}
		if (context.jcmd() != null) {
			Process gc = new ProcessBuilder(context.jcmd(), Long.toString(context.pid()), "GC.run")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!gc.waitFor(120, TimeUnit.SECONDS)) {
				gc.destroyForcibly();
			}
			settle();
		}
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(context.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return 0;
	}

}

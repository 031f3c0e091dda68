package org.progjar.chat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code auth} (ours only): N logins ({@code auth}, a BCrypt check each) over C connections,
 * each connection sending its next {@code auth} when the last one is answered. Logins per
 * second; the hash cost is the server's {@code chat.users.password-hash-strength}.
 */
final class Auth implements Scenario {

	private final int logins;

	private final int connections;

	Auth(int logins, int connections) {
		this.logins = logins;
		this.connections = connections;
	}

	@Override
	public String label() {
		return "auth N=" + this.logins;
	}

	@Override
	public int usersNeeded() {
		return this.connections;
	}

	@Override
	public boolean supports(Context context) {
		return context.protocol() instanceof ChatProtocol;
	}

	@Override
	public List<Outcome> run(Context context) throws Exception {
		ChatProtocol chat = (ChatProtocol) context.protocol();
		List<ChatClient> clients = new ArrayList<>();
		for (int c = 0; c < this.connections; c++) {
			clients.add(chat.connect(context.loop(c), null, c, chat.token(c)).get(60, TimeUnit.SECONDS));
		}
		Problems problems = new Problems();
		try {
			long start = System.nanoTime();
			List<CompletableFuture<Void>> lanes = new ArrayList<>();
			for (int c = 0; c < this.connections; c++) {
				ChatClient client = clients.get(c);
				CompletableFuture<Void> lane = CompletableFuture.completedFuture(null);
				for (int n = c; n < this.logins; n += this.connections) {
					lane = lane.thenCompose((v) -> ChatProtocol.auth(client, client.user).thenAccept((token) -> {
					}));
				}
				lanes.add(lane);
			}
			try {
				CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new))
					.get(context.maxRun().toSeconds(), TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				problems.add("auth: " + ex);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			Map<String, Double> metrics = new LinkedHashMap<>();
			metrics.put("auth_per_s", this.logins / seconds);
			metrics.put("seconds", seconds);
			return List.of(new Outcome(label(), metrics, problems.list()));
		}
		finally {
			Clients.close(clients);
		}
	}

}

package org.progjar.chat.soak;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.HttpApi.Result;

/**
 * One REST client of the soak, on a virtual thread: the same kind of user as {@link TcpWorker},
 * over HTTP. Its room membership lasts until it leaves, as HTTP memberships do.
 */
final class HttpWorker implements Runnable {

	private final HttpApi http;

	private final Soak.Client me;

	private final Soak.Roster roster;

	private final Soak.Run run;

	private final Random random;

	private @Nullable String room;

	private int sent;

	HttpWorker(HttpApi http, Soak.Client me, Soak.Roster roster, Soak.Run run, long seed) {
		this.http = http;
		this.me = me;
		this.roster = roster;
		this.run = run;
		this.random = new Random(seed);
	}

	@Override
	public void run() {
		while (Instant.now().isBefore(this.run.deadline())) {
			try {
				step();
			}
			catch (UncheckedIOException ex) {
				this.run.tally().ioError();
			}
			this.run.think(this.random);
		}
	}

	private void step() {
		String token = this.me.token();
		String text = this.me.username() + " #" + (++this.sent);
		int dice = this.random.nextInt(100);
		if (dice < 30) {
			Result created = expect("send", 201, () -> this.http.post("/api/messages", token,
					Map.of("to", this.roster.anyUser(this.random), "message", text)));
			if (created != null) {
				this.run.acks().direct(created.json().get("id").asLong(), text);
			}
		}
		else if (dice < 40) {
			expect("inbox", 200, () -> this.http.post("/api/inbox", token, Map.of()));
		}
		else if (dice < 55 || this.room == null) {
			String target = this.roster.anyRoom(this.random);
			if (expect("join", 200, () -> this.http.putEmpty("/api/rooms/" + target + "/members/me", token)) != null) {
				this.room = target;
			}
		}
		else if (dice < 75) {
			String current = this.room;
			Result posted = expect("chat", 201,
					() -> this.http.post("/api/rooms/" + current + "/messages", token, Map.of("message", text)));
			if (posted != null) {
				this.run.acks().room(current, posted.json().get("seq").asLong(), text);
			}
		}
		else if (dice < 80) {
			expect("leave", 204, () -> this.http.delete("/api/rooms/" + this.room + "/members/me", token));
			this.room = null;
		}
		else if (dice < 90) {
			String recipient = this.roster.anyUser(this.random);
			byte[] file = new byte[1 + this.random.nextInt(512)];
			this.random.nextBytes(file);
			String name = this.run.fileName("h", this.me, this.sent);
			if (expect("file", 201, () -> this.http.put("/api/users/" + recipient + "/files/" + name, token, file,
					"application/octet-stream")) != null) {
				this.run.acks().file(recipient, name, file.length);
			}
		}
		else if (dice < 95) {
			expect("files", 200, () -> this.http.get("/api/files", token));
		}
		else {
			expect("history", 200, () -> this.http.get("/api/rooms/" + this.room + "/messages?limit=20", token));
		}
	}

	private @Nullable Result expect(String what, int status, Supplier<Result> request) {
		long start = System.nanoTime();
		Result result = request.get();
		this.run.tally().operation("http " + what, System.nanoTime() - start);
		if (result.status() == status) {
			return result;
		}
		String code = result.text().contains("\"code\"") ? result.json().get("code").asString()
				: String.valueOf(result.status());
		this.run.tally().error("http " + what, code);
		return null;
	}

}

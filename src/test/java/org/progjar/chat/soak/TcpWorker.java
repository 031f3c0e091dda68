package org.progjar.chat.soak;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.TcpClient;

/**
 * One TCP client of the soak, on a virtual thread: a user who sends direct messages and files,
 * reads the inbox, moves between rooms and chats there, and now and then drops the connection,
 * sometimes with a request still in flight, and connects again.
 */
final class TcpWorker implements Runnable {

	private final String kind;

	private final Supplier<TcpClient> connect;

	private final Soak.Client me;

	private final Soak.Roster roster;

	private final Soak.Run run;

	private final Random random;

	private @Nullable TcpClient client;

	/** The room this worker's session is in, as far as its answers tell. */
	private @Nullable String room;

	private int sent;

	TcpWorker(String kind, Supplier<TcpClient> connect, Soak.Client me, Soak.Roster roster, Soak.Run run, long seed) {
		this.kind = kind;
		this.connect = connect;
		this.me = me;
		this.roster = roster;
		this.run = run;
		this.random = new Random(seed);
	}

	@Override
	public void run() {
		try {
			while (Instant.now().isBefore(this.run.deadline())) {
				try {
					step();
				}
				catch (UncheckedIOException ex) {
					this.run.tally().ioError();
					disconnect();
				}
				this.run.think(this.random);
			}
		}
		finally {
			disconnect();
		}
	}

	private void step() {
		TcpClient client = connected();
		int dice = this.random.nextInt(100);
		if (dice < this.run.settings().disconnectPercent()) {
			if (this.random.nextBoolean()) {
				client.send("inbox session=" + this.me.token());
			}
			this.run.tally().disconnect(this.kind);
			disconnect();
			return;
		}
		String text = this.me.username() + " #" + (++this.sent);
		if (dice < 35) {
			JsonNode ok = request("send", "destination", this.roster.anyUser(this.random), "message", text);
			if (ok != null) {
				this.run.acks().direct(ok.get("id").asLong(), text);
			}
		}
		else if (dice < 45) {
			request("inbox");
		}
		else if (dice < 55) {
			String target = this.roster.anyRoom(this.random);
			if (request("room_join", "roomname", target) != null) {
				this.room = target;
			}
		}
		else if (dice < 75) {
			JsonNode ok = request("room_chat", "message", text);
			if (ok != null) {
				this.run.acks().room(ok.get("room").asString(), ok.get("seq").asLong(), text);
			}
		}
		else if (dice < 80) {
			request("room_leave");
			this.room = null;
		}
		else if (dice < 88) {
			String recipient = this.roster.anyUser(this.random);
			byte[] file = smallFile();
			String name = this.run.fileName("f", this.me, this.sent);
			if (request("file_send", "username", recipient, "filename", name, "payload",
					Base64.getEncoder().encodeToString(file)) != null) {
				this.run.acks().file(recipient, name, file.length);
			}
		}
		else if (dice < 93) {
			request("file_list");
		}
		else if (dice < 96) {
			String current = this.room;
			byte[] file = smallFile();
			String name = this.run.fileName("r", this.me, this.sent);
			if (request("room_send_file", "filename", name, "payload", Base64.getEncoder().encodeToString(file)) != null
					&& current != null) {
				this.run.acks().roomFile(current, name, file.length);
			}
		}
		else {
			request("history", "with", this.roster.anyUser(this.random), "limit", "20");
		}
		this.run.tally().events(client.discardEvents());
	}

	/** The OK response, or null after counting the refusal. */
	private @Nullable JsonNode request(String command, String... params) {
		String[] withSession = List.of(List.of(params), List.of("session", this.me.token()))
			.stream()
			.flatMap(List::stream)
			.toArray(String[]::new);
		TcpClient client = connected();
		long start = System.nanoTime();
		JsonNode response = client.request(command, withSession);
		this.run.tally().operation(this.kind + " " + command, System.nanoTime() - start);
		if ("OK".equals(response.get("status").asString())) {
			return response;
		}
		this.run.tally().error(this.kind + " " + command, response.get("code").asString());
		return null;
	}

	private byte[] smallFile() {
		byte[] file = new byte[1 + this.random.nextInt(512)];
		this.random.nextBytes(file);
		return file;
	}

	private TcpClient connected() {
		if (this.client == null) {
			this.client = this.connect.get();
			// a new connection carries no membership: the old one took it along when it closed
			this.room = null;
		}
		return this.client;
	}

	private void disconnect() {
		if (this.client != null) {
			try {
				this.client.close();
			}
			catch (UncheckedIOException ex) {
				// already gone
			}
			this.client = null;
			this.room = null;
		}
	}

}

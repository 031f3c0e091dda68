package org.progjar.chat.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * An IRC connection: answers the server's PINGs, waits for numerics while logging in and
 * joining, and hands every PRIVMSG text to {@link #deliveries}.
 */
final class IrcClient extends Client {

	private static final byte[] PING = Bytes.ascii("PING ");

	private static final byte[] PRIVMSG = Bytes.ascii(" PRIVMSG ");

	private static final byte[] TRAILING = Bytes.ascii(" :");

	private static final byte[] ERROR = Bytes.ascii("ERROR ");

	/** Numerics that refuse a JOIN: no such channel, too many channels, full, invite-only, banned, key, ... */
	private static final Set<String> JOIN_REFUSALS = Set.of("403", "405", "471", "473", "474", "475", "476", "477",
			"479");

	private static final boolean DEBUG = System.getenv("BENCH_DEBUG") != null;

	/** Lines awaited during setup; looked at only while there are any. */
	private final List<Waiter> waiters = new ArrayList<>();

	IrcClient(Conn conn, int user, String nick) {
		super(conn, user, nick);
	}

	/** Registers with NICK and USER; completes on the welcome numeric 001. */
	CompletableFuture<Void> register() {
		CompletableFuture<Void> welcomed = await((words) -> numeric(words, "001"),
				(words) -> numeric(words, "433") || numeric(words, "432") || words[0].equals("ERROR"));
		this.conn.send("NICK " + this.name + "\r\nUSER " + this.name + " 0 * :bench\r\n");
		return welcomed;
	}

	/** Joins a channel; completes on the end of its NAMES list (366). */
	@Override
	CompletableFuture<Void> join(String room) {
		String channel = "#" + room;
		CompletableFuture<Void> joined = await(
				(words) -> numeric(words, "366") && words.length > 3 && words[3].equalsIgnoreCase(channel),
				(words) -> JOIN_REFUSALS.contains((words.length > 1) ? words[1] : "") || words[0].equals("ERROR"));
		this.conn.send("JOIN " + channel + "\r\n");
		return joined;
	}

	@Override
	void sendRoom(String room, String text) {
		this.conn.send("PRIVMSG #" + room + " :" + text + "\r\n");
	}

	@Override
	void sendDirect(Client to, String text) {
		this.conn.send("PRIVMSG " + to.name + " :" + text + "\r\n");
	}

	private CompletableFuture<Void> await(Predicate<String[]> success, Predicate<String[]> failure) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.conn.loop.run(() -> this.waiters.add(new Waiter(success, failure, done)));
		return done;
	}

	private static boolean numeric(String[] words, String code) {
		return words.length > 1 && words[1].equals(code);
	}

	@Override
	public void onLine(Conn conn, byte[] buf, int start, int end, long nanos) {
		if (Bytes.startsWith(buf, start, end, PING)) {
			// PONG with the same token, written at once
			this.conn.send("PONG " + Bytes.string(buf, start + PING.length, end) + "\r\n");
			return;
		}
		if (!this.waiters.isEmpty()) {
			checkWaiters(Bytes.string(buf, start, end));
			return;
		}
		int privmsg = Bytes.indexOf(buf, start, end, PRIVMSG);
		if (privmsg >= 0) {
			int text = Bytes.indexOf(buf, privmsg + PRIVMSG.length, end, TRAILING);
			if (text >= 0) {
				long parsed = BenchText.parse(buf, text + TRAILING.length, end);
				if (parsed >= 0) {
					this.deliveries.onMessage(this, parsed, -1, nanos);
				}
			}
			return;
		}
		if (Bytes.startsWith(buf, start, end, ERROR)) {
			this.deliveries.onError(this, Bytes.string(buf, start, end));
		}
	}

	private void checkWaiters(String line) {
		if (DEBUG) {
			System.err.println(this.name + " < " + line);
		}
		String[] words = line.split(" ");
		// Completing runs the next setup step at once, which may add a waiter: collect first.
		List<Runnable> outcomes = new ArrayList<>();
		for (Iterator<Waiter> it = this.waiters.iterator(); it.hasNext();) {
			Waiter waiter = it.next();
			if (waiter.success.test(words)) {
				it.remove();
				outcomes.add(() -> waiter.done.complete(null));
			}
			else if (waiter.failure.test(words)) {
				it.remove();
				outcomes.add(() -> waiter.done.completeExceptionally(new IllegalStateException(this.name + ": " + line)));
			}
		}
		outcomes.forEach(Runnable::run);
	}

	@Override
	public void onClose(Conn conn, Exception cause) {
		List<Waiter> waiting = new ArrayList<>(this.waiters);
		this.waiters.clear();
		for (Waiter waiter : waiting) {
			waiter.done.completeExceptionally(new IllegalStateException(this.name + ": connection closed", cause));
		}
		super.onClose(conn, cause);
	}

	private record Waiter(Predicate<String[]> success, Predicate<String[]> failure, CompletableFuture<Void> done) {
	}

}

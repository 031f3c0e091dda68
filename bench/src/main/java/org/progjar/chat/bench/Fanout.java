package org.progjar.chat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.Histogram;

/**
 * {@code fanout}: C clients in one room each send M messages, at most W of their own
 * outstanding at a time; a message is outstanding until every member has it. Measures
 * deliveries per second and delivery latency (send to arrival at each member), and checks that
 * every member gets every message exactly once, in order: per sender always, and where the
 * protocol numbers the room's messages (our {@code seq}) also that all members see one order.
 */
final class Fanout implements Scenario {

	private final int clients;

	private final int messages;

	private final int window;

	private final int size;

	Fanout(int clients, int messages, int window, int size) {
		this.clients = clients;
		this.messages = messages;
		this.window = window;
		this.size = size;
	}

	@Override
	public String label() {
		return "fanout C=" + this.clients + " M=" + this.messages;
	}

	@Override
	public int usersNeeded() {
		return this.clients;
	}

	@Override
	public boolean supports(Context context) {
		return true;
	}

	@Override
	public List<Outcome> run(Context context) throws Exception {
		String tag = context.tags().next("f");
		String room = "bench" + tag;
		List<Client> members = Clients.open(this.clients, Math.min(context.inflight(), 64),
				(i) -> context.protocol()
					.login(context.loop(i), null, i, tag)
					.thenCompose((client) -> client.join(room).thenApply((v) -> client)));
		try {
			return List.of(new Run(context, members, room).measure());
		}
		finally {
			Clients.close(members);
		}
	}

	/** The state of one run; receivers touch only their own rows, on their own loop. */
	private final class Run implements Client.Deliveries {

		private final Context context;

		private final List<Client> members;

		private final String room;

		private final int total = Fanout.this.clients * Fanout.this.messages;

		private final AtomicLongArray sentAt = new AtomicLongArray(this.total);

		private final AtomicIntegerArray missing = new AtomicIntegerArray(this.total);

		/** Our room's number for each message, as the first member saw it. */
		private final AtomicLongArray seqOf = new AtomicLongArray(this.total);

		/** Per receiver, per sender: the counter expected next. */
		private final int[][] expected;

		private final long[] lastSeq;

		/** Per sender, messages sent so far; on the sender's loop. */
		private final int[] sent;

		private final long[] deliveriesPerLoop;

		private final Latencies latencies;

		private final AtomicInteger completed = new AtomicInteger();

		private final AtomicLong finishedAt = new AtomicLong();

		private final CountDownLatch done = new CountDownLatch(1);

		private final Problems problems = new Problems();

		Run(Context context, List<Client> members, String room) {
			this.context = context;
			this.members = members;
			this.room = room;
			int c = Fanout.this.clients;
			this.expected = new int[c][c];
			this.lastSeq = new long[c];
			this.sent = new int[c];
			this.deliveriesPerLoop = new long[context.loops().size()];
			this.latencies = new Latencies(context.loops().size());
			int receivers = context.protocol().echoesToSender() ? c : c - 1;
			for (int i = 0; i < this.total; i++) {
				this.missing.set(i, receivers);
			}
		}

		Outcome measure() throws Exception {
			for (Client member : this.members) {
				member.deliveries = this;
			}
			long start = System.nanoTime();
			for (Client member : this.members) {
				member.loop().execute(() -> {
					for (int w = 0; w < Fanout.this.window; w++) {
						sendNext(member);
					}
				});
			}
			boolean inTime = this.done.await(this.context.maxRun().toSeconds(), TimeUnit.SECONDS);
			boolean finished = this.completed.get() == this.total;
			long end = finished ? this.finishedAt.get() : System.nanoTime();
			for (Client member : this.members) {
				member.deliveries = Client.Deliveries.NONE;
			}
			Histogram latency = this.latencies.merged(this.context.loops());
			if (!finished) {
				this.problems.add((inTime ? "stopped" : "cut off after " + this.context.maxRun().toSeconds() + " s")
						+ " with " + this.completed.get() + " of " + this.total + " messages delivered to all");
			}
			else {
				verifyAllArrived();
			}
			long deliveries = 0;
			for (NioLoop loop : this.context.loops()) {
				deliveries += loop.call(() -> this.deliveriesPerLoop[loop.index]).get(30, TimeUnit.SECONDS);
			}
			double seconds = (end - start) / 1e9;
			Map<String, Double> metrics = new LinkedHashMap<>();
			metrics.put("deliveries_per_s", deliveries / seconds);
			metrics.put("messages_per_s", this.completed.get() / seconds);
			metrics.put("deliveries", (double) deliveries);
			metrics.put("seconds", seconds);
			Latencies.put(latency, metrics);
			return new Outcome(label(), metrics, this.problems.list());
		}

		/** On the sender's loop thread. */
		private void sendNext(Client sender) {
			int s = sender.index;
			if (this.sent[s] == Fanout.this.messages) {
				return;
			}
			int counter = this.sent[s]++;
			this.sentAt.set(s * Fanout.this.messages + counter, System.nanoTime());
			sender.sendRoom(this.room, BenchText.of(s, counter, Fanout.this.size));
		}

		@Override
		public void onMessage(Client receiver, long text, long seq, long nanos) {
			int r = receiver.index;
			if (seq >= 0) {
				if (seq <= this.lastSeq[r]) {
					this.problems.add("member " + r + " got seq " + seq + " after " + this.lastSeq[r]);
				}
				this.lastSeq[r] = seq;
			}
			if (text < 0) {
				return; // a join notice
			}
			int s = BenchText.sender(text);
			int counter = BenchText.counter(text);
			if (s >= Fanout.this.clients || counter >= Fanout.this.messages) {
				this.problems.add("member " + r + " got an unknown message " + s + "." + counter);
				return;
			}
			if (counter != this.expected[r][s]) {
				this.problems.add("member " + r + " got message " + counter + " of sender " + s + " when "
						+ this.expected[r][s] + " was due (" + ((counter < this.expected[r][s]) ? "repeated" : "skipped")
						+ ")");
				if (counter < this.expected[r][s]) {
					return;
				}
			}
			this.expected[r][s] = counter + 1;
			int id = s * Fanout.this.messages + counter;
			if (seq >= 0) {
				long first = this.seqOf.compareAndExchange(id, 0, seq);
				if (first != 0 && first != seq) {
					this.problems.add("message " + s + "." + counter + " came as seq " + first + " and as seq " + seq);
				}
			}
			int loop = receiver.loop().index;
			this.latencies.record(loop, nanos - this.sentAt.get(id));
			this.deliveriesPerLoop[loop]++;
			int left = this.missing.decrementAndGet(id);
			if (left == 0) {
				if (this.completed.incrementAndGet() == this.total) {
					this.finishedAt.set(nanos);
					this.done.countDown();
				}
				Client sender = this.members.get(s);
				sender.loop().run(() -> sendNext(sender));
			}
			else if (left < 0) {
				this.problems.add("message " + s + "." + counter + " reached more members than the room has");
			}
		}

		@Override
		public void onError(Client client, String problem) {
			this.problems.add("member " + client.index + ": " + problem);
			if (client.conn.closed) {
				this.done.countDown(); // a member is gone: the run cannot complete
			}
		}

		private void verifyAllArrived() throws Exception {
			boolean echo = this.context.protocol().echoesToSender();
			List<String> short_ = new ArrayList<>();
			for (Client member : this.members) {
				int r = member.index;
				int[] got = member.loop().call(() -> this.expected[r].clone()).get(30, TimeUnit.SECONDS);
				for (int s = 0; s < got.length; s++) {
					int due = (s == r && !echo) ? 0 : Fanout.this.messages;
					if (got[s] != due && short_.size() < 5) {
						short_.add("member " + r + " got " + got[s] + " of " + due + " messages of sender " + s);
					}
				}
			}
			short_.forEach(this.problems::add);
		}

	}

}

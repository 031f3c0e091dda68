package org.progjar.chat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.Histogram;

/**
 * {@code dm}: P pairs; each sender sends M direct messages to its recipient, at most W
 * outstanding (sent, not yet received). IRC delivers them to the connected recipient. Ours
 * stores them, and the recipient fetches them with {@code inbox}, polling: one request after
 * the other. Where our line protocol pushes direct messages to a recipient that asked for them
 * with {@code inbox_listen}, that is measured too, as its own row. Measures messages per
 * second and latency, and checks that each recipient gets each message exactly once, in order.
 */
final class DirectMessages implements Scenario {

	private static final byte[] MSG_KEY = Bytes.ascii("\"msg\":\"");

	private static final byte[] EMPTY_INBOX = Bytes.ascii("\"messages\":{}");

	private static final byte[] OK = Bytes.ascii("{\"status\":\"OK\"");

	private final int pairs;

	private final int messages;

	private final int window;

	private final int size;

	/** Whether ours is measured polling as well as pushed (IRC is always measured). */
	private final boolean poll;

	/** Whether our line protocol pushes direct messages; found out once per server. */
	private Boolean pushes;

	DirectMessages(int pairs, int messages, int window, int size, boolean poll) {
		this.pairs = pairs;
		this.messages = messages;
		this.window = window;
		this.size = size;
		this.poll = poll;
	}

	@Override
	public String label() {
		return "dm P=" + this.pairs + " M=" + this.messages;
	}

	@Override
	public int usersNeeded() {
		return 2 * this.pairs;
	}

	@Override
	public boolean supports(Context context) {
		return true;
	}

	@Override
	public List<Outcome> run(Context context) throws Exception {
		if (!(context.protocol() instanceof ChatProtocol chat)) {
			return List.of(runMode(context, Mode.DELIVERED));
		}
		List<Outcome> outcomes = new ArrayList<>();
		if (this.poll) {
			outcomes.add(runMode(context, Mode.INBOX));
		}
		if (this.pushes == null) {
			this.pushes = probePush(context, chat);
			System.out.println("bench: the line protocol " + (this.pushes ? "pushes" : "does not push")
					+ " direct messages to a recipient that sent inbox_listen");
		}
		if (this.pushes) {
			outcomes.add(runMode(context, Mode.PUSH));
		}
		return outcomes;
	}

	private Outcome runMode(Context context, Mode mode) throws Exception {
		String tag = context.tags().next("d");
		List<Client> all = Clients.open(2 * this.pairs, Math.min(context.inflight(), 64),
				(i) -> context.protocol().login(context.loop(i), null, i, tag));
		try {
			List<Client> senders = all.subList(0, this.pairs);
			List<Client> recipients = all.subList(this.pairs, 2 * this.pairs);
			if (context.protocol() instanceof ChatProtocol) {
				for (Client recipient : recipients) {
					drainInbox((ChatClient) recipient);
					if (mode == Mode.PUSH && !listen((ChatClient) recipient)) {
						throw new IllegalStateException("inbox_listen refused for " + recipient.name);
					}
				}
			}
			return new Run(context, senders, recipients, mode).measure();
		}
		finally {
			Clients.close(all);
		}
	}

	/**
	 * Asks a recipient's connection to listen, sends it one direct message and waits briefly for
	 * a pushed event.
	 */
	private boolean probePush(Context context, ChatProtocol chat) throws Exception {
		List<Client> two = Clients.open(2, 2, (i) -> chat.login(context.loop(i), null, i, ""));
		try {
			drainInbox((ChatClient) two.get(1));
			if (!listen((ChatClient) two.get(1))) {
				return false;
			}
			CountDownLatch pushed = new CountDownLatch(1);
			two.get(1).deliveries = new Client.Deliveries() {
				@Override
				public void onMessage(Client receiver, long text, long seq, long nanos) {
					pushed.countDown();
				}

				@Override
				public void onError(Client client, String problem) {
				}
			};
			two.get(0).loop().execute(() -> two.get(0).sendDirect(two.get(1), BenchText.of(0, 0, this.size)));
			boolean got = pushed.await(3, TimeUnit.SECONDS);
			drainInbox((ChatClient) two.get(1));
			return got;
		}
		finally {
			Clients.close(two);
		}
	}

	/**
	 * Makes the recipient's connection a listener ({@code inbox_listen}). Its answer is the
	 * backlog, which must be empty: the inbox was drained just before.
	 * @return false if the server does not know the command
	 */
	private static boolean listen(ChatClient recipient) throws Exception {
		String response = recipient.request("inbox_listen session=" + recipient.token).get(60, TimeUnit.SECONDS);
		if (!response.startsWith("{\"status\":\"OK\"")) {
			return false;
		}
		if (!response.contains("\"messages\":{}")) {
			throw new IllegalStateException("inbox_listen of " + recipient.name + " returned a backlog: " + response);
		}
		return true;
	}

	/** Empties an inbox, so that a run starts from nothing. */
	private static void drainInbox(ChatClient recipient) throws Exception {
		for (int i = 0; i < 1000; i++) {
			String response = recipient.request("inbox session=" + recipient.token).get(60, TimeUnit.SECONDS);
			if (!response.startsWith("{\"status\":\"OK\"")) {
				throw new IllegalStateException("inbox: " + response);
			}
			if (response.contains("\"messages\":{}")) {
				return;
			}
		}
		throw new IllegalStateException("inbox of " + recipient.name + " does not empty");
	}

	private enum Mode {

		/** IRC: the server writes the message to the recipient's connection. */
		DELIVERED(""),
		/** Ours: the recipient polls with {@code inbox}; the row IRC's delivery is compared with. */
		INBOX(""),
		/** Ours: the server pushes the message on the recipient's line connection, after its inbox_listen. */
		PUSH(" (push)");

		final String suffix;

		Mode(String suffix) {
			this.suffix = suffix;
		}

	}

	private final class Run implements Client.Deliveries, ChatClient.ResponseHandler {

		private final Context context;

		private final List<Client> senders;

		private final List<Client> recipients;

		private final Mode mode;

		private final int total = DirectMessages.this.pairs * DirectMessages.this.messages;

		private final AtomicLongArray sentAt = new AtomicLongArray(this.total);

		private final int[] sent;

		private final int[] expected;

		private final Latencies latencies;

		private final AtomicInteger completed = new AtomicInteger();

		private final AtomicLong finishedAt = new AtomicLong();

		private final CountDownLatch done = new CountDownLatch(1);

		private final Problems problems = new Problems();

		private final AtomicInteger polls = new AtomicInteger();

		Run(Context context, List<Client> senders, List<Client> recipients, Mode mode) {
			this.context = context;
			this.senders = senders;
			this.recipients = recipients;
			this.mode = mode;
			this.sent = new int[DirectMessages.this.pairs];
			this.expected = new int[DirectMessages.this.pairs];
			this.latencies = new Latencies(context.loops().size());
		}

		Outcome measure() throws Exception {
			for (int i = 0; i < DirectMessages.this.pairs; i++) {
				this.senders.get(i).deliveries = this;
				this.recipients.get(i).deliveries = this;
			}
			long start = System.nanoTime();
			for (int i = 0; i < DirectMessages.this.pairs; i++) {
				int pair = i;
				Client sender = this.senders.get(i);
				sender.loop().execute(() -> {
					for (int w = 0; w < DirectMessages.this.window; w++) {
						sendNext(pair);
					}
				});
				if (this.mode == Mode.INBOX) {
					ChatClient recipient = (ChatClient) this.recipients.get(i);
					recipient.loop().execute(() -> poll(recipient));
				}
			}
			boolean inTime = this.done.await(this.context.maxRun().toSeconds(), TimeUnit.SECONDS);
			boolean finished = this.completed.get() == this.total;
			long end = finished ? this.finishedAt.get() : System.nanoTime();
			for (int i = 0; i < DirectMessages.this.pairs; i++) {
				this.senders.get(i).deliveries = Client.Deliveries.NONE;
				this.recipients.get(i).deliveries = Client.Deliveries.NONE;
			}
			if (!finished) {
				this.problems.add((inTime ? "stopped" : "cut off after " + this.context.maxRun().toSeconds() + " s")
						+ " with " + this.completed.get() + " of " + this.total + " messages received");
			}
			Histogram latency = this.latencies.merged(this.context.loops());
			double seconds = (end - start) / 1e9;
			Map<String, Double> metrics = new LinkedHashMap<>();
			metrics.put("messages_per_s", this.completed.get() / seconds);
			metrics.put("seconds", seconds);
			if (this.mode == Mode.INBOX) {
				metrics.put("inbox_polls_per_s", this.polls.get() / seconds);
			}
			Latencies.put(latency, metrics);
			return new Outcome(label() + this.mode.suffix, metrics, this.problems.list());
		}

		/** On the sender's loop thread. */
		private void sendNext(int pair) {
			if (this.sent[pair] == DirectMessages.this.messages) {
				return;
			}
			int counter = this.sent[pair]++;
			this.sentAt.set(pair * DirectMessages.this.messages + counter, System.nanoTime());
			this.senders.get(pair).sendDirect(this.recipients.get(pair), BenchText.of(pair, counter, DirectMessages.this.size));
		}

		/** On the recipient's loop thread: the next {@code inbox}, until all has arrived. */
		private void poll(ChatClient recipient) {
			if (this.done.getCount() > 0 && !recipient.conn.closed) {
				this.polls.incrementAndGet();
				recipient.request("inbox session=" + recipient.token, this);
			}
		}

		@Override
		public void onResponse(ChatClient recipient, byte[] buf, int start, int end, long nanos) {
			if (!Bytes.startsWith(buf, start, end, OK)) {
				onError(recipient, "inbox: " + Bytes.string(buf, start, end));
				return;
			}
			if (Bytes.indexOf(buf, start, end, EMPTY_INBOX) < 0) {
				int at = start;
				while ((at = Bytes.indexOf(buf, at, end, MSG_KEY)) >= 0) {
					at += MSG_KEY.length;
					onMessage(recipient, BenchText.parse(buf, at, end), -1, nanos);
				}
			}
			poll(recipient);
		}

		@Override
		public void onMessage(Client receiver, long text, long seq, long nanos) {
			int pair = receiver.index - DirectMessages.this.pairs;
			if (pair < 0) {
				this.problems.add("sender " + receiver.index + " received a message");
				return;
			}
			int from = BenchText.sender(text);
			int counter = BenchText.counter(text);
			if (text < 0 || from != pair || counter >= DirectMessages.this.messages) {
				this.problems.add("recipient " + pair + " got a message not for it: " + from + "." + counter);
				return;
			}
			if (counter != this.expected[pair]) {
				this.problems.add("recipient " + pair + " got message " + counter + " when " + this.expected[pair]
						+ " was due (" + ((counter < this.expected[pair]) ? "repeated" : "skipped") + ")");
				if (counter < this.expected[pair]) {
					return;
				}
			}
			this.expected[pair] = counter + 1;
			int loop = receiver.loop().index;
			this.latencies.record(loop, nanos - this.sentAt.get(pair * DirectMessages.this.messages + counter));
			if (this.completed.incrementAndGet() == this.total) {
				this.finishedAt.set(nanos);
				this.done.countDown();
			}
			Client sender = this.senders.get(pair);
			sender.loop().run(() -> sendNext(pair));
		}

		@Override
		public void onError(Client client, String problem) {
			this.problems.add("client " + client.index + ": " + problem);
			if (client.conn.closed) {
				this.done.countDown();
			}
		}

	}

}

package org.progjar.chat.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code rest} (ours only): the REST API under load, with the JDK's HTTP client on virtual
 * threads.
 * <ul>
 * <li>{@code POST /api/messages}: C clients, each posting M direct messages one after the
 * other; requests per second and request latency.</li>
 * <li>{@code POST /api/rooms/{room}/messages} with S members listening on
 * {@code GET /api/events}: P posters, N posts each, at most W of a poster's posts not yet
 * received by every listener; posts and deliveries per second and delivery latency, with
 * every delivery checked for exactly once and in room order ({@code seq}).</li>
 * </ul>
 */
final class Rest implements Scenario {

	private static final byte[] SEQ_KEY = Bytes.ascii("\"seq\":");

	private static final byte[] MESSAGES_KEY = Bytes.ascii("\"messages\":\"");

	private final int dmClients;

	private final int dmMessages;

	private final int subscribers;

	private final int posters;

	private final int posts;

	private final int window;

	private final int size;

	Rest(int dmClients, int dmMessages, int subscribers, int posters, int posts, int window, int size) {
		this.dmClients = dmClients;
		this.dmMessages = dmMessages;
		this.subscribers = subscribers;
		this.posters = posters;
		this.posts = posts;
		this.window = window;
		this.size = size;
	}

	@Override
	public String label() {
		return "rest";
	}

	@Override
	public int usersNeeded() {
		return Math.max(this.dmClients, this.subscribers + this.posters);
	}

	@Override
	public boolean supports(Context context) {
		return context.http() != null && context.protocol() instanceof ChatProtocol;
	}

	@Override
	public List<Outcome> run(Context context) throws Exception {
		ChatProtocol chat = (ChatProtocol) context.protocol();
		URI base = URI.create("http://" + context.http().getHostString() + ":" + context.http().getPort());
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				HttpClient http = HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.executor(threads)
					.connectTimeout(Duration.ofSeconds(30))
					.build()) {
			Api api = new Api(http, base, chat);
			List<Outcome> outcomes = new ArrayList<>();
			outcomes.add(directMessages(context, api, threads));
			outcomes.add(roomPosts(context, api, threads));
			return outcomes;
		}
	}

	private Outcome directMessages(Context context, Api api, ExecutorService threads) throws Exception {
		Problems problems = new Problems();
		Recorder latency = new Recorder(3);
		AtomicInteger done = new AtomicInteger();
		List<Future<?>> clients = new ArrayList<>();
		long start = System.nanoTime();
		long deadline = start + context.maxRun().toNanos();
		for (int c = 0; c < this.dmClients; c++) {
			int sender = c;
			String to = ChatProtocol.username((c + 1) % this.dmClients);
			clients.add(threads.submit(() -> {
				for (int m = 0; m < this.dmMessages && System.nanoTime() < deadline; m++) {
					String body = "{\"to\":\"" + to + "\",\"message\":\"" + BenchText.of(sender, m, this.size) + "\"}";
					long sent = System.nanoTime();
					HttpResponse<String> response = api.send("POST", "/api/messages", sender, body);
					if (response.statusCode() != 201) {
						problems.add("POST /api/messages: " + response.statusCode() + " " + response.body());
						return null;
					}
					latency.recordValue((System.nanoTime() - sent) / 1000);
					done.incrementAndGet();
				}
				return null;
			}));
		}
		for (Future<?> client : clients) {
			try {
				client.get();
			}
			catch (Exception ex) {
				problems.add("POST /api/messages: " + ex);
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		int total = this.dmClients * this.dmMessages;
		if (done.get() != total) {
			problems.add("only " + done.get() + " of " + total + " messages posted");
		}
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put("requests_per_s", done.get() / seconds);
		metrics.put("seconds", seconds);
		Latencies.put(latency.getIntervalHistogram(), metrics);
		return new Outcome("rest POST /api/messages C=" + this.dmClients + " M=" + this.dmMessages, metrics,
				problems.list());
	}

	private Outcome roomPosts(Context context, Api api, ExecutorService threads) throws Exception {
		String room = "rest" + context.tags().next("r");
		Problems problems = new Problems();
		int total = this.posters * this.posts;
		AtomicLongArray sentAt = new AtomicLongArray(total);
		AtomicIntegerArray missing = new AtomicIntegerArray(total);
		for (int i = 0; i < total; i++) {
			missing.set(i, this.subscribers);
		}
		Semaphore[] windows = new Semaphore[this.posters];
		for (int p = 0; p < this.posters; p++) {
			windows[p] = new Semaphore(this.window);
		}
		Recorder latency = new Recorder(3);
		AtomicInteger completed = new AtomicInteger();
		CountDownLatch allReceived = new CountDownLatch(1);
		List<InputStream> streams = new ArrayList<>();
		int members = this.subscribers + this.posters;
		try {
			for (int u = 0; u < members; u++) {
				HttpResponse<String> joined = api.send("PUT", "/api/rooms/" + room + "/members/me", u, null);
				if (joined.statusCode() != 200) {
					throw new IllegalStateException("join over HTTP: " + joined.statusCode() + " " + joined.body());
				}
			}
			CountDownLatch open = new CountDownLatch(this.subscribers);
			for (int s = 0; s < this.subscribers; s++) {
				int subscriber = s;
				HttpResponse<InputStream> stream = api.stream(subscriber);
				if (stream.statusCode() != 200) {
					throw new IllegalStateException("GET /api/events: " + stream.statusCode());
				}
				streams.add(stream.body());
				threads.submit(() -> {
					int[] expected = new int[this.posters];
					long lastSeq = 0;
					try (BufferedReader lines = new BufferedReader(
							new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
						open.countDown();
						String line;
						while ((line = lines.readLine()) != null) {
							if (!line.startsWith("data:") || !line.contains("\"type\":\"broadcast\"")) {
								continue;
							}
							long now = System.nanoTime();
							byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
							int seqAt = Bytes.indexOf(bytes, 0, bytes.length, SEQ_KEY);
							long seq = Bytes.number(bytes, seqAt + SEQ_KEY.length, bytes.length);
							if (seq <= lastSeq) {
								problems.add("listener " + subscriber + " got seq " + seq + " after " + lastSeq);
							}
							lastSeq = seq;
							int textAt = Bytes.indexOf(bytes, 0, bytes.length, MESSAGES_KEY);
							long text = BenchText.parse(bytes, textAt + MESSAGES_KEY.length, bytes.length);
							if (text < 0) {
								continue;
							}
							int poster = BenchText.sender(text);
							int counter = BenchText.counter(text);
							if (poster >= this.posters || counter != expected[poster]) {
								problems.add("listener " + subscriber + " got post " + poster + "." + counter + " out of turn");
								continue;
							}
							expected[poster]++;
							int id = poster * this.posts + counter;
							latency.recordValue((now - sentAt.get(id)) / 1000);
							if (missing.decrementAndGet(id) == 0) {
								windows[poster].release();
								if (completed.incrementAndGet() == total) {
									allReceived.countDown();
								}
							}
						}
					}
					catch (Exception ex) {
						if (allReceived.getCount() > 0) {
							problems.add("listener " + subscriber + ": " + ex);
						}
					}
					return null;
				});
			}
			open.await(60, TimeUnit.SECONDS);
			long start = System.nanoTime();
			long deadline = start + context.maxRun().toNanos();
			for (int p = 0; p < this.posters; p++) {
				int poster = p;
				int user = this.subscribers + p;
				threads.submit(() -> {
					for (int n = 0; n < this.posts; n++) {
						long wait = deadline - System.nanoTime();
						if (wait <= 0 || !windows[poster].tryAcquire(wait, TimeUnit.NANOSECONDS)) {
							return null;
						}
						int id = poster * this.posts + n;
						String body = "{\"message\":\"" + BenchText.of(poster, n, this.size) + "\"}";
						sentAt.set(id, System.nanoTime());
						HttpResponse<String> response = api.send("POST", "/api/rooms/" + room + "/messages", user, body);
						if (response.statusCode() != 201) {
							problems.add("POST room message: " + response.statusCode() + " " + response.body());
							allReceived.countDown();
							return null;
						}
					}
					return null;
				});
			}
			boolean inTime = allReceived.await(context.maxRun().toSeconds(), TimeUnit.SECONDS);
			double seconds = (System.nanoTime() - start) / 1e9;
			if (completed.get() != total) {
				problems.add((inTime ? "stopped" : "cut off") + " with " + completed.get() + " of " + total
						+ " posts received by every listener");
			}
			Histogram histogram = latency.getIntervalHistogram();
			Map<String, Double> metrics = new LinkedHashMap<>();
			metrics.put("posts_per_s", completed.get() / seconds);
			metrics.put("deliveries_per_s", histogram.getTotalCount() / seconds);
			metrics.put("seconds", seconds);
			Latencies.put(histogram, metrics);
			return new Outcome("rest room posts S=" + this.subscribers + " P=" + this.posters + " N=" + this.posts, metrics,
					problems.list());
		}
		finally {
			allReceived.countDown();
			for (InputStream stream : streams) {
				try {
					stream.close();
				}
				catch (Exception ignored) {
					// closing anyway
				}
			}
			for (int u = 0; u < members; u++) {
				api.send("DELETE", "/api/rooms/" + room + "/members/me", u, null);
			}
		}
	}

	/** Requests with a pool user's bearer token. */
	private record Api(HttpClient http, URI base, ChatProtocol chat) {

		HttpResponse<String> send(String method, String path, int user, String json) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path))
				.timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + this.chat.token(user));
			if (json != null) {
				request.header("Content-Type", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofString(json));
			}
			else {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<InputStream> stream(int user) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(this.base.resolve("/api/events"))
				.header("Authorization", "Bearer " + this.chat.token(user))
				.header("Accept", "text/event-stream")
				.build();
			return this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}

	}

}

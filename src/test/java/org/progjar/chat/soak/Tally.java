package org.progjar.chat.soak;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Counts of what the clients did and what came back, shared by all of them. */
final class Tally {

	/** Refusals a client can get without anything being wrong: acting in a room it just lost. */
	private static final Set<String> EXPECTED = Set.of("NOT_IN_ROOM");

	private final Map<String, LongAdder> operations = new ConcurrentSkipListMap<>();

	private final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();

	private final Map<String, LongAdder> unexpected = new ConcurrentSkipListMap<>();

	/** Response times per transport: count, sum and maximum. */
	private final Map<String, Latency> latencies = new ConcurrentSkipListMap<>();

	private final LongAdder ioErrors = new LongAdder();

	private final LongAdder events = new LongAdder();

	/** One request of {@code kind} ("line send"), answered after {@code nanos}. */
	void operation(String kind, long nanos) {
		count(this.operations, kind);
		this.latencies.computeIfAbsent(kind.substring(0, kind.indexOf(' ')), (k) -> new Latency()).add(nanos);
	}

	void disconnect(String transport) {
		count(this.operations, transport + " disconnect");
	}

	void error(String what, String code) {
		count(EXPECTED.contains(code) ? this.errors : this.unexpected, what + " " + code);
	}

	void ioError() {
		this.ioErrors.increment();
	}

	void events(int received) {
		this.events.add(received);
	}

	long operations() {
		return this.operations.values().stream().mapToLong(LongAdder::sum).sum();
	}

	Map<String, LongAdder> unexpected() {
		return this.unexpected;
	}

	String summary() {
		return "operations " + this.operations + "\nresponse times " + this.latencies + "\nexpected refusals " + this.errors + "\nunexpected errors "
				+ this.unexpected + "\nconnections broken (timeouts, resets) " + this.ioErrors.sum()
				+ "\nbroadcasts received " + this.events.sum();
	}

	private static final class Latency {

		private final LongAdder count = new LongAdder();

		private final LongAdder total = new LongAdder();

		private final LongAccumulator max = new LongAccumulator(Math::max, 0);

		void add(long nanos) {
			this.count.increment();
			this.total.add(nanos);
			this.max.accumulate(nanos);
		}

		@Override
		public String toString() {
			long n = Math.max(1, this.count.sum());
			return String.format("mean %.1f ms, max %.0f ms", this.total.sum() / n / 1e6, this.max.get() / 1e6);
		}

	}

	private static void count(Map<String, LongAdder> counts, String key) {
		counts.computeIfAbsent(key, (k) -> new LongAdder()).increment();
	}

}

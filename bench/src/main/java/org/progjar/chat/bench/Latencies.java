package org.progjar.chat.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** One latency histogram per loop (no sharing on the hot path), merged when a run ends. */
final class Latencies {

	private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(30);

	private final Histogram[] perLoop;

	Latencies(int loops) {
		this.perLoop = new Histogram[loops];
		for (int i = 0; i < loops; i++) {
			this.perLoop[i] = new Histogram(HIGHEST_MICROS, 3);
		}
	}

	/** On loop {@code loop}'s thread only. */
	void record(int loop, long nanos) {
		this.perLoop[loop].recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
	}

	/** Merges the loops' histograms, each copied on its own loop's thread. */
	Histogram merged(List<NioLoop> loops) throws Exception {
		Histogram all = new Histogram(HIGHEST_MICROS, 3);
		for (NioLoop loop : loops) {
			all.add(loop.call(() -> this.perLoop[loop.index].copy()).get(30, TimeUnit.SECONDS));
		}
		return all;
	}

	/** Adds {@code p50_ms}, {@code p99_ms} and {@code max_ms}. */
	static void put(Histogram histogram, Map<String, Double> metrics) {
		metrics.put("p50_ms", histogram.getValueAtPercentile(50) / 1000.0);
		metrics.put("p99_ms", histogram.getValueAtPercentile(99) / 1000.0);
		metrics.put("max_ms", histogram.getMaxValue() / 1000.0);
	}

}

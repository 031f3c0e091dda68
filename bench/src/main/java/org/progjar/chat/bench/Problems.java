package org.progjar.chat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** What went wrong in a run, from any thread: all are counted, the first few kept. */
final class Problems {

	private static final int KEPT = 10;

	private final AtomicInteger count = new AtomicInteger();

	private final ConcurrentLinkedQueue<String> first = new ConcurrentLinkedQueue<>();

	void add(String problem) {
		if (this.count.incrementAndGet() <= KEPT) {
			this.first.add(problem);
		}
	}

	boolean any() {
		return this.count.get() > 0;
	}

	List<String> list() {
		List<String> all = new ArrayList<>(this.first);
		int more = this.count.get() - all.size();
		if (more > 0) {
			all.add("... and " + more + " more");
		}
		return all;
	}

}

package org.progjar.chat.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts per key, kept in memory beside the database, that change only inside group-commit
 * writes. A change is recorded for its transaction, where the later writes of the same batch see
 * it, and counts for everyone else once that commits: a batch that rolls back (and whose writes
 * run again alone) leaves nothing behind.
 */
public final class CommittedCounts {

	private final Map<Long, Integer> counts = new ConcurrentHashMap<>();

	/** The sum of the committed counts. */
	private final AtomicLong total = new AtomicLong();

	private final TransactionScoped<Map<Long, Integer>> pending = new TransactionScoped<>(HashMap::new,
			(changes, committed) -> {
				if (committed) {
					changes.forEach(this::apply);
				}
			});

	/** The count as the current transaction sees it (outside one: as committed). */
	public int count(long key) {
		Map<Long, Integer> changes = this.pending.peek();
		int change = (changes != null) ? changes.getOrDefault(key, 0) : 0;
		return this.counts.getOrDefault(key, 0) + change;
	}

	/** The sum of all counts, as committed. */
	public long total() {
		return this.total.get();
	}

	/** Changes a count; inside a transaction. */
	public void add(long key, int by) {
		this.pending.get().merge(key, by, Integer::sum);
	}

	/** Sets a count from the database, before any write changes it (at start-up). */
	public void load(long key, int count) {
		apply(key, count);
	}

	private void apply(long key, int by) {
		this.counts.compute(key, (id, count) -> {
			int before = (count != null) ? count : 0;
			int changed = Math.max(before + by, 0);
			this.total.addAndGet(changed - before);
			return (changed > 0) ? changed : null;
		});
	}

}

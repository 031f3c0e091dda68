package org.progjar.chat.message;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.progjar.chat.storage.TransactionScoped;
import org.springframework.stereotype.Component;

/**
 * How many connections listen for each user's direct messages ({@code inbox_listen}); the
 * transport keeps which connections those are. Kept in memory, as a listener is a live
 * connection.
 * <p>
 * Changed only inside group-commit writes, where a send reads it too, so whether a message is
 * delivered at once is decided in commit order. A change is recorded for its transaction, where
 * the later writes of the same batch see it, and counts for everyone else once that commits: a
 * batch that rolls back (and whose writes run again alone) leaves nothing behind.
 */
@Component
class InboxListeners {

	private final Map<Long, Integer> listening = new ConcurrentHashMap<>();

	/** A transaction's changes to the counts, which only its own writes see until it commits. */
	private final TransactionScoped<Map<Long, Integer>> pending = new TransactionScoped<>(HashMap::new,
			(changes, committed) -> {
				if (committed) {
					changes.forEach(this::change);
				}
			});

	/** Whether the user has a listener, as the current transaction sees it. */
	boolean isListening(long userId) {
		Map<Long, Integer> changes = this.pending.peek();
		int change = (changes != null) ? changes.getOrDefault(userId, 0) : 0;
		return this.listening.getOrDefault(userId, 0) + change > 0;
	}

	/** One more listener of the user; inside a write. */
	void add(long userId) {
		this.pending.get().merge(userId, 1, Integer::sum);
	}

	/** One listener of the user fewer; inside a write. */
	void remove(long userId) {
		this.pending.get().merge(userId, -1, Integer::sum);
	}

	private void change(long userId, int by) {
		this.listening.compute(userId, (id, count) -> {
			int changed = ((count != null) ? count : 0) + by;
			return (changed > 0) ? changed : null;
		});
	}

}

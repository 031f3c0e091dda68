package org.progjar.chat.message;

import org.progjar.chat.storage.CommittedCounts;
import org.springframework.stereotype.Component;

/**
 * How many connections listen for each user's direct messages ({@code inbox_listen}); the
 * transport keeps which connections those are. Kept in memory, as a listener is a live
 * connection.
 * <p>
 * Changed only inside group-commit writes, where a send reads it too, so whether a message is
 * delivered at once is decided in commit order ({@link CommittedCounts}).
 */
@Component
class InboxListeners {

	private final CommittedCounts listening = new CommittedCounts();

	/** Whether the user has a listener, as the current transaction sees it. */
	boolean isListening(long userId) {
		return this.listening.count(userId) > 0;
	}

	/** One more listener of the user; inside a write. */
	void add(long userId) {
		this.listening.add(userId, 1);
	}

	/** One listener of the user fewer; inside a write. */
	void remove(long userId) {
		this.listening.add(userId, -1);
	}

}

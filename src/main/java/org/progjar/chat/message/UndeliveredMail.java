package org.progjar.chat.message;

import org.progjar.chat.storage.CommittedCounts;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * How many direct messages wait in each user's inbox, in memory, so that polling an empty inbox
 * (what legacy clients do all day) asks no database. Counted from the database at start-up and
 * kept in step by the writes that store and deliver messages ({@link CommittedCounts}).
 */
@Component
class UndeliveredMail implements SmartInitializingSingleton {

	private final DirectMessageRepository messages;

	private final CommittedCounts waiting = new CommittedCounts();

	UndeliveredMail(DirectMessageRepository messages) {
		this.messages = messages;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (Object[] row : this.messages.countUndeliveredByRecipient()) {
			this.waiting.load((Long) row[0], ((Long) row[1]).intValue());
		}
	}

	/** Messages waiting, over all users, as committed. */
	long total() {
		return this.waiting.total();
	}

	boolean hasMail(long userId) {
		return this.waiting.count(userId) > 0;
	}

	/** Inside the write that stores or delivers: {@code by} more (or, negative, fewer) waiting. */
	void add(long userId, int by) {
		this.waiting.add(userId, by);
	}

}

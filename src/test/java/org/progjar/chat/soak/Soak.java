package org.progjar.chat.soak;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/** What the soak's workers share. */
final class Soak {

	private Soak() {
	}

	/** A logged-in user the soak drives. */
	record Client(String username, String token) {
	}

	/** Everyone a worker may write to, and every room it may go to. */
	record Roster(List<String> usernames, List<String> rooms) {

		String anyUser(Random random) {
			return this.usernames.get(random.nextInt(this.usernames.size()));
		}

		String anyRoom(Random random) {
			return this.rooms.get(random.nextInt(this.rooms.size()));
		}

	}

	/** One load phase: until when, and where its outcomes go. */
	record Run(SoakSettings settings, Instant deadline, Acks acks, Tally tally) {

		/** A user's pause between two requests: up to the think time. */
		void think(Random random) {
			long nanos = this.settings.thinkTime().toNanos();
			if (nanos > 0) {
				LockSupport.parkNanos((long) (random.nextDouble() * nanos));
			}
		}

		/**
		 * A name for the {@code n}th file {@code sender} sends in this phase. The warm-up and the
		 * measured run are phases with the same clients, so the phase is in the name too: a name
		 * used again for the same recipient is refused ({@code FILE_EXISTS}).
		 */
		String fileName(String kind, Client sender, int n) {
			return kind + "-" + sender.username() + "-" + Long.toString(this.deadline.toEpochMilli(), 36) + "-" + n
					+ ".bin";
		}

	}

}

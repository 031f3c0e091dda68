package org.progjar.chat.support;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Holds back the writers of {@link OrderedOutbox}es while one thread queues a burst of output,
 * and starts them when it is done: every client then gets its share of the burst in one write.
 * The group committer publishes a whole batch this way; without it, a room of fifty took fifty
 * writes per message instead of fifty per batch.
 */
public final class OutputBatch {

	private static final ThreadLocal<@Nullable List<Runnable>> held = new ThreadLocal<>();

	private OutputBatch() {
	}

	/** Runs {@code burst}, then starts the writers it queued for, each once. */
	public static void around(Runnable burst) {
		if (held.get() != null) {
			burst.run();
			return;
		}
		List<Runnable> writers = new ArrayList<>();
		held.set(writers);
		try {
			burst.run();
		}
		finally {
			held.remove();
			writers.forEach(Runnable::run);
		}
	}

	/** Starts what the burst on this thread holds back so far; the burst goes on. */
	static void startHeldWriters() {
		List<Runnable> writers = held.get();
		if (writers != null && !writers.isEmpty()) {
			List<Runnable> now = List.copyOf(writers);
			writers.clear();
			now.forEach(Runnable::run);
		}
	}

	/** @return false if no burst is under way on this thread: start the writer now */
	static boolean holdBack(Runnable startWriter) {
		List<Runnable> writers = held.get();
		if (writers == null) {
			return false;
		}
		writers.add(startWriter);
		return true;
	}

}

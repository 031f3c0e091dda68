package org.progjar.chat.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the open TCP connections, in all and per client address, and admits a new one only
 * while both counts are under their limits. Every admitted connection is released exactly once.
 */
final class ConnectionLimits {

	private final int max;

	private final int maxPerAddress;

	// One short lock rather than atomics: a connection is admitted under both limits or neither.
	private final Lock lock = new ReentrantLock();

	private final Map<String, Integer> perAddress = new HashMap<>();

	private int open;

	ConnectionLimits(int max, int maxPerAddress) {
		this.max = max;
		this.maxPerAddress = maxPerAddress;
	}

	Admission admit(String address) {
		this.lock.lock();
		try {
			if (this.open >= this.max) {
				return Admission.SERVER_FULL;
			}
			int fromAddress = this.perAddress.getOrDefault(address, 0);
			if (fromAddress >= this.maxPerAddress) {
				return Admission.ADDRESS_FULL;
			}
			this.perAddress.put(address, fromAddress + 1);
			this.open++;
			return Admission.ADMITTED;
		}
		finally {
			this.lock.unlock();
		}
	}

	void release(String address) {
		this.lock.lock();
		try {
			this.open--;
			this.perAddress.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null);
		}
		finally {
			this.lock.unlock();
		}
	}

	int open() {
		this.lock.lock();
		try {
			return this.open;
		}
		finally {
			this.lock.unlock();
		}
	}

	enum Admission {

		ADMITTED, SERVER_FULL, ADDRESS_FULL

	}

}

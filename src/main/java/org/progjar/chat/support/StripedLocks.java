package org.progjar.chat.support;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks shared out by key: per-key mutual exclusion in constant memory. Reentrant
 * locks, not {@code synchronized}, so a virtual thread that blocks while holding one does not pin
 * its carrier.
 */
public final class StripedLocks {

	private final Lock[] locks;

	public StripedLocks(int stripes) {
		this.locks = new Lock[stripes];
		for (int i = 0; i < stripes; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	public Lock forKey(long key) {
		return this.locks[Math.floorMod(Long.hashCode(key), this.locks.length)];
	}

}

package org.progjar.chat.protocol;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * The TCP requests being carried out, so that a shutdown can stop taking new ones and wait for
 * those running to finish, their responses written, before the connections close.
 */
@Component
class InFlightRequests {

	private final Lock lock = new ReentrantLock();

	private final Condition none = this.lock.newCondition();

	private int running;

	private boolean draining;

	/** @return whether the request may run; if so, {@link #exit()} must follow */
	boolean enter() {
		this.lock.lock();
		try {
			if (this.draining) {
				return false;
			}
			this.running++;
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	void exit() {
		this.lock.lock();
		try {
			if (--this.running == 0) {
				this.none.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Takes requests (again): the listeners have started. */
	void resume() {
		this.lock.lock();
		try {
			this.draining = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Takes no new requests from now on and waits, at most the timeout (or until interrupted),
	 * for the running ones.
	 * @return how many were running, and how many of them finished
	 */
	Drained drain(Duration timeout) {
		this.lock.lock();
		try {
			this.draining = true;
			int before = this.running;
			try {
				long left = timeout.toNanos();
				while (this.running > 0 && left > 0) {
					left = this.none.awaitNanos(left);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new Drained(before, before - this.running);
		}
		finally {
			this.lock.unlock();
		}
	}

	record Drained(int running, int finished) {
	}

}

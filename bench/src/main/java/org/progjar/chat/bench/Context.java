package org.progjar.chat.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * What every scenario run gets: the server under test, the loops, and the limits.
 * @param server the server's name in the results (ours, ngircd, inspircd)
 * @param pid the server's process, for its memory; 0 when unknown
 * @param http the REST API's address, null for the IRC servers
 * @param maxRun longest a run may take before it is cut off and reported as failed
 * @param inflight connection set-ups (connect, log in, join) in flight at once
 * @param sources local addresses to connect from, round robin; empty for any
 * @param jcmd the JDK's jcmd, to collect the heap of a Java server before its memory is read;
 * null for the others
 */
record Context(String server, Protocol protocol, List<NioLoop> loops, long pid, InetSocketAddress http,
		Duration maxRun, int inflight, List<InetAddress> sources, String jcmd, Tags tags) {

	NioLoop loop(int i) {
		return this.loops.get(i % this.loops.size());
	}

	InetAddress source(int i) {
		return this.sources.isEmpty() ? null : this.sources.get(i % this.sources.size());
	}

	/** Short names, unique within this process, for rooms and IRC nicks. */
	static final class Tags {

		private int next;

		synchronized String next(String kind) {
			return kind + Integer.toString(this.next++, 36) + "x";
		}

	}

}

package org.progjar.chat.bench;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** How the scenarios reach one kind of server. */
interface Protocol {

	/** Makes users 0 to {@code count - 1} able to log in; a no-op where login is free. */
	void prepareUsers(int count, List<NioLoop> loops) throws Exception;

	/**
	 * Connects and logs in as user {@code user}. IRC takes the nick {@code prefix + user}; the
	 * chat protocol uses the user's stored token and ignores the prefix.
	 */
	CompletableFuture<Client> login(NioLoop loop, InetAddress source, int user, String prefix);

	/** Whether a room message also reaches its sender (ours does; IRC does not echo). */
	boolean echoesToSender();

}

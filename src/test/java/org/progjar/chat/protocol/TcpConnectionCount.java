package org.progjar.chat.protocol;

import org.springframework.context.ApplicationContext;

/** For tests outside this package: how many TCP connections the server holds now. */
public final class TcpConnectionCount {

	private TcpConnectionCount() {
	}

	public static int of(ApplicationContext context) {
		return context.getBean(ConnectionRegistry.class).size();
	}

}

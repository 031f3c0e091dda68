package org.progjar.chat.protocol;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Fails start-up when a TCP listener cannot listen, as Spring Boot does when the web server's
 * port is taken. Spring Integration binds on a thread of its own and only logs a failure, so a
 * server whose port was taken used to run on without it, its health {@code DOWN}.
 * {@link TcpListenerFailureAnalyzer} then says which port and what to do.
 */
@Component
class TcpListenersStarted implements SmartLifecycle, ApplicationListener<TcpConnectionServerExceptionEvent> {

	/** Just after Spring Integration's inbound adapters, which start the listeners, and before the web server. */
	private static final int PHASE = Integer.MAX_VALUE / 2 + 1;

	/** Binding takes milliseconds; this only bounds a listener that neither binds nor reports a failure. */
	private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

	private static final Duration POLL = Duration.ofMillis(10);

	/** Each listener, by the property that sets its port. */
	private final Map<String, TcpNetServerConnectionFactory> listeners;

	private final Map<Object, Throwable> failures = new ConcurrentHashMap<>();

	private volatile boolean running;

	TcpListenersStarted(@Qualifier(TcpServerConfiguration.LINE_SERVER) TcpNetServerConnectionFactory lineServer,
			@Qualifier(TcpServerConfiguration.LEGACY_SERVER) TcpNetServerConnectionFactory legacyServer) {
		this.listeners = Map.of("chat.tcp.port", lineServer, "chat.tcp.legacy-port", legacyServer);
	}

	@Override
	public void onApplicationEvent(TcpConnectionServerExceptionEvent event) {
		// The listeners bind before this starts; a later failure is RecoveringServerConnectionFactory's.
		if (!this.running) {
			this.failures.put(event.getSource(), event.getCause());
		}
	}

	@Override
	public void start() {
		this.listeners.forEach(this::awaitListening);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.failures.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void awaitListening(String property, TcpNetServerConnectionFactory listener) {
		long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
		while (!listener.isListening()) {
			Throwable failure = this.failures.remove(listener);
			if (failure != null || System.nanoTime() > deadline) {
				throw new TcpListenerStartException(property, listener.getPort(), failure);
			}
			try {
				Thread.sleep(POLL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new TcpListenerStartException(property, listener.getPort(), ex);
			}
		}
	}

	/** A TCP listener could not listen on its port. */
	static final class TcpListenerStartException extends IllegalStateException {

		private final String property;

		private final int port;

		TcpListenerStartException(String property, int port, @Nullable Throwable cause) {
			super("The TCP listener of " + property + " could not listen on port " + port
					+ ((cause != null) ? ": " + cause.getMessage() : ""), cause);
			this.property = property;
			this.port = port;
		}

		String property() {
			return this.property;
		}

		int port() {
			return this.port;
		}

	}

}

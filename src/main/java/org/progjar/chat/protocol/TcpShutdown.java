package org.progjar.chat.protocol;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.protocol.InFlightRequests.Drained;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The graceful end of the TCP listeners: stop accepting, let the requests in flight finish and
 * their responses go out, then close the connections. Requests that arrive meanwhile are answered
 * {@code SHUTTING_DOWN} and not run, so a client hears OK only for what was committed.
 * <p>
 * It runs in the phase of the web server's graceful shutdown, so HTTP and TCP drain together,
 * before the Spring Integration endpoints stop (they close every connection at once) and long
 * before the database closes (when the beans are destroyed, after every phase).
 */
@Component
class TcpShutdown implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TcpShutdown.class);

	private final List<TcpNetServerConnectionFactory> listeners;

	private final InFlightRequests inFlight;

	private final ConnectionRegistry registry;

	/** Most of the shutdown phase's time, so that the connections are closed inside it too. */
	private final Duration drainTimeout;

	private volatile boolean running;

	TcpShutdown(@Qualifier(TcpServerConfiguration.LINE_SERVER) TcpNetServerConnectionFactory lineServer,
			@Qualifier(TcpServerConfiguration.LEGACY_SERVER) TcpNetServerConnectionFactory legacyServer,
			InFlightRequests inFlight, ConnectionRegistry registry, LifecycleProperties lifecycle) {
		this.listeners = List.of(lineServer, legacyServer);
		this.inFlight = inFlight;
		this.registry = registry;
		this.drainTimeout = lifecycle.getTimeoutPerShutdownPhase().multipliedBy(3).dividedBy(4);
	}

	@Override
	public int getPhase() {
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;
	}

	/** Also after a stop without a close: Spring's test framework pauses the contexts it caches. */
	@Override
	public void start() {
		this.inFlight.resume();
		this.running = true;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void stop() {
		long started = System.nanoTime();
		// New connections are closed as soon as they are accepted.
		this.listeners.forEach(TcpNetServerConnectionFactory::beforeShutdown);
		Drained drained = this.inFlight.drain(this.drainTimeout);
		int open = this.registry.size();
		this.listeners.forEach(TcpNetServerConnectionFactory::stop);
		this.running = false;
		log.info("TCP shut down in {} ms: stopped accepting, {} of {} requests in flight finished, closed {} connections",
				Duration.ofNanos(System.nanoTime() - started).toMillis(), drained.finished(), drained.running(), open);
	}

	/** On its own thread, so that the web server drains its requests at the same time. */
	@Override
	public void stop(Runnable callback) {
		Thread.ofVirtual().name("tcp-shutdown").start(() -> {
			try {
				stop();
			}
			finally {
				callback.run();
			}
		});
	}

}

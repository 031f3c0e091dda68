package org.progjar.chat.protocol;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * A listener that goes on accepting after its server socket fails. Spring Integration's accept
 * loop gives up on the first error of the server socket: an I/O error (such as
 * {@code Too many open files} once the process is out of them) stops the whole factory, which
 * closes every open connection, and a socket error ends the loop with the port still bound, so
 * the kernel keeps completing handshakes that nobody accepts. Either way only a restart helped.
 * <p>
 * Here the factory does not stop itself. When the loop ends and nobody stopped the listener, its
 * socket is closed and, after a pause that grows while it keeps failing, it binds its port
 * again; the open connections are not touched. A port that cannot be bound at start-up is not
 * retried: {@link TcpListenersStarted} fails start-up instead.
 */
class RecoveringServerConnectionFactory extends TcpNetServerConnectionFactory {

	private static final Logger log = LoggerFactory.getLogger(RecoveringServerConnectionFactory.class);

	private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

	private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

	/** A loop that accepted for this long before it failed starts a new incident, with a short pause. */
	private static final Duration HEALTHY_RUN = Duration.ofSeconds(10);

	/** Set by a lifecycle stop, cleared by a start: a loop that ends while it is set is not restarted. */
	private volatile boolean stopped = true;

	/** The thread running the accept loop, from which Spring Integration stops the factory on an error. */
	private volatile @Nullable Thread acceptor;

	private Duration pause = FIRST_PAUSE;

	RecoveringServerConnectionFactory(int port) {
		super(port);
	}

	@Override
	public void start() {
		this.lifecycleMonitor.lock();
		try {
			this.stopped = false;
			super.start();
		}
		finally {
			this.lifecycleMonitor.unlock();
		}
	}

	@Override
	public void stop() {
		if (Thread.currentThread() == this.acceptor) {
			// Spring Integration giving up on its server socket: run() listens again instead.
			return;
		}
		this.lifecycleMonitor.lock();
		try {
			this.stopped = true;
			super.stop();
		}
		finally {
			this.lifecycleMonitor.unlock();
		}
	}

	/** The accept loop, restarted (on the next reader thread) when it ends while nobody stopped it. */
	@Override
	public void run() {
		long started = System.nanoTime();
		this.acceptor = Thread.currentThread();
		try {
			super.run();
		}
		finally {
			this.acceptor = null;
		}
		// Set once bound, and until a lifecycle stop closes it: null if the port could not be bound.
		ServerSocket abandoned = getServerSocket();
		if (abandoned == null) {
			return;
		}
		closeQuietly(abandoned);
		if (this.stopped) {
			return;
		}
		if (Duration.ofNanos(System.nanoTime() - started).compareTo(HEALTHY_RUN) >= 0) {
			this.pause = FIRST_PAUSE;
		}
		if (this.pause.equals(FIRST_PAUSE)) {
			log.warn("TCP listener on port {} stopped accepting connections; listening again in {} ms. "
					+ "Most often the process is out of open files (see process_files_open_files)", getPort(),
					this.pause.toMillis());
		}
		else {
			log.debug("TCP listener on port {} failed again; listening again in {} ms", getPort(), this.pause.toMillis());
		}
		try {
			Thread.sleep(this.pause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		this.pause = min(this.pause.multipliedBy(2), LONGEST_PAUSE);
		this.lifecycleMonitor.lock();
		try {
			if (!this.stopped && !isActive()) {
				super.start();
			}
		}
		finally {
			this.lifecycleMonitor.unlock();
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			log.debug("Could not close an abandoned server socket", ex);
		}
	}

}

package org.progjar.chat.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat server as a child JVM, so that a test can {@code kill -9} it: same {@code java}
 * binary and dependencies as the test, without the test classes, output in a log file.
 */
public final class ServerProcess implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	/** SIGKILL on Linux; the exit status of a process killed by signal 9 is 128 + 9. */
	public static final int KILLED_BY_SIGKILL = 137;

	private final Process process;

	private final int linePort;

	private final Path log;

	private ServerProcess(Process process, int linePort, Path log) {
		this.process = process;
		this.linePort = linePort;
		this.log = log;
	}

	/** Starts the server on free ports with the given database and waits until the line port accepts. */
	public static ServerProcess start(Path directory, String databaseUrl, String name) {
		ServerProcess server = launch(directory, databaseUrl, name, freePort(), List.of());
		server.awaitListening();
		return server;
	}

	/**
	 * As {@link #start}, with more arguments, in a shell that first sets the process's limit on
	 * open files, soft and hard, so that the JVM cannot raise it again.
	 */
	public static ServerProcess startWithOpenFileLimit(Path directory, String databaseUrl, String name,
			int openFiles, String... arguments) {
		ServerProcess server = launch(directory, databaseUrl, name, freePort(),
				List.of("bash", "-c", "ulimit -n " + openFiles + " && exec \"$@\"", name), arguments);
		server.awaitListening();
		return server;
	}

	/** Starts the server with its line listener on {@code linePort}, without waiting: for a start meant to fail. */
	public static ServerProcess launch(Path directory, String databaseUrl, String name, int linePort) {
		return launch(directory, databaseUrl, name, linePort, List.of());
	}

	private static ServerProcess launch(Path directory, String databaseUrl, String name, int linePort,
			List<String> wrapper, String... arguments) {
		Path log = directory.resolve(name + ".log");
		List<String> command = new ArrayList<>(wrapper);
		command.addAll(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-Xmx512m", "-cp", serverClasspath(),
				"org.progjar.chat.ChatApplication", "--spring.datasource.url=" + databaseUrl,
				"--chat.tcp.port=" + linePort, "--chat.tcp.legacy-port=" + freePort(), "--server.port=0",
				"--chat.users.password-hash-strength=4",
				// The load it is given is a script's, on purpose: flood control would refuse it.
				"--chat.rate-limit.enabled=false"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new ServerProcess(process, linePort, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits for the process to end by itself. @return its exit status */
	public int awaitExit(Duration timeout) throws InterruptedException {
		assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
			.as("server process %d ends by itself within %s; its log: %s", pid(), timeout, this.log)
			.isTrue();
		return this.process.exitValue();
	}

	public int linePort() {
		return this.linePort;
	}

	public Path log() {
		return this.log;
	}

	public long pid() {
		return this.process.pid();
	}

	/** Exit status of a JVM that ran its shutdown hooks on SIGTERM: 128 + 15. */
	public static final int TERMINATED_BY_SIGTERM = 143;

	/** {@code kill} (SIGTERM), as a container runtime or systemd stops a service. @return the exit status */
	public int terminate(Duration timeout) throws InterruptedException {
		this.process.destroy();
		assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("server process %d exited", pid())
			.isTrue();
		return this.process.exitValue();
	}

	/** {@code kill -9}: no shutdown hook, no connection pool close, no H2 checkpoint. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		assertThat(this.process.waitFor(10, TimeUnit.SECONDS)).as("server process %d died", pid()).isTrue();
		assertThat(this.process.exitValue()).as("exit status of a SIGKILLed process").isEqualTo(KILLED_BY_SIGKILL);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private void awaitListening() {
		try {
			await().atMost(STARTUP_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.failFast("server process exited", () -> !this.process.isAlive())
				.until(() -> accepts(this.linePort));
		}
		catch (RuntimeException | AssertionError ex) {
			// The caller never gets this instance to close: kill it here, and point at its output.
			this.process.destroyForcibly();
			throw new AssertionError("Server did not start listening on " + this.linePort + "; its log: " + this.log,
					ex);
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A port free right now; a tiny race with other processes is accepted for simplicity. */
	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String javaBinary() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * The test JVM's class path minus the test classes, whose components the application would
	 * otherwise scan. Surefire may hand over a manifest-only booter jar: its entries are expanded.
	 */
	public static String serverClasspath() {
		Path testClasses = testClassesDirectory();
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			entries.addAll(expandManifestOnlyJar(Path.of(entry)));
		}
		List<String> kept = entries.stream()
			.filter((entry) -> !Path.of(entry).toAbsolutePath().normalize().equals(testClasses))
			.toList();
		return String.join(File.pathSeparator, kept);
	}

	private static List<String> expandManifestOnlyJar(Path entry) {
		if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
			return List.of(entry.toString());
		}
		try (JarFile jar = new JarFile(entry.toFile())) {
			Manifest manifest = jar.getManifest();
			String classPath = (manifest != null) ? manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH)
					: null;
			// A real library jar has classes; only the booter is nothing but a Class-Path.
			if (classPath == null || jar.stream().anyMatch((e) -> e.getName().endsWith(".class"))) {
				return List.of(entry.toString());
			}
			URI base = entry.toAbsolutePath().toUri();
			List<String> expanded = new ArrayList<>();
			for (String reference : classPath.trim().split("\\s+")) {
				expanded.add(Path.of(base.resolve(reference)).toString());
			}
			return expanded;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Path testClassesDirectory() {
		try {
			return Path.of(ServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toAbsolutePath()
				.normalize();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot locate the test classes", ex);
		}
	}

}

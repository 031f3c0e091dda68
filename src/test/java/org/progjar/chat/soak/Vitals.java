package org.progjar.chat.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.progjar.chat.protocol.TcpConnectionCount;
import org.springframework.context.ApplicationContext;

/**
 * The server's footprint at one moment, all clients gone: heap in use after full collections,
 * live threads (platform ones, and all of them: virtual threads too, counted from a JSON thread
 * dump, as the platform MXBean does not see them) and its TCP connections.
 */
record Vitals(long heapBytes, int platformThreads, long allThreads, int connections) {

	private static final JsonMapper json = JsonMapper.builder().build();

	static Vitals measure(ApplicationContext context, Path dumpDirectory) {
		long heap = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return new Vitals(heap, ManagementFactory.getThreadMXBean().getThreadCount(), allThreads(dumpDirectory),
				TcpConnectionCount.of(context));
	}

	/** Every container of the dump counts its threads; the root one counts unowned virtual threads as well. */
	private static long allThreads(Path dumpDirectory) {
		try {
			Path dump = Files.createTempFile(Files.createDirectories(dumpDirectory), "threads-", ".json");
			Files.delete(dump);
			ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
				.dumpThreads(dump.toString(), ThreadDumpFormat.JSON);
			long count = 0;
			for (JsonNode container : json.readTree(dump.toFile()).get("threadDump").get("threadContainers")) {
				count += Long.parseLong(container.get("threadCount").asString());
			}
			Files.delete(dump);
			return count;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return String.format("heap %.1f MB, threads %d platform / %d with virtual, TCP connections %d",
				this.heapBytes / 1048576.0, this.platformThreads, this.allThreads, this.connections);
	}

}

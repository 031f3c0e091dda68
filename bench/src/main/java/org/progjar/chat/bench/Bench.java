package org.progjar.chat.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The load generator's command line. {@code run} drives one server through the scenarios and
 * appends one line per run to a results file; {@code report} turns the results of all servers
 * into the table of {@code docs/performance.md}. scripts/bench.sh calls both.
 *
 * <pre>
 * run --server NAME --protocol chat|irc --port PORT [--host 127.0.0.1] [--http-port PORT]
 *     [--pid PID] [--jcmd PATH] [--runs 3] [--warmup 1] [--threads 2] [--inflight 64] [--sources 8]
 *     [--max-seconds 600] [--results FILE] SCENARIO...
 * report --results FILE --machine FILE [--doc FILE]
 *
 * SCENARIO: fanout:c=50,m=2000   dm:p=50,m=2000   idle:n=10000   rest   auth
 *   optional everywhere: w=4 (window), size=64 (message bytes); idle: rooms=100;
 *   dm: poll=0 (ours pushed only, without the inbox polling row);
 *   rest: c=16,m=500 (DM posters, posts each), s=20,p=4,n=250 (listeners, room posters, posts each);
 *   auth: n=200,c=4 (logins, connections)
 * </pre>
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			usage("a command: run or report");
		}
		List<String> rest = List.of(args).subList(1, args.length);
		switch (args[0]) {
			case "run" -> run(rest);
			case "report" -> Report.main(rest);
			default -> usage("unknown command " + args[0]);
		}
		System.exit(0);
	}

	private static void run(List<String> args) throws Exception {
		Map<String, String> options = new HashMap<>();
		List<Scenario> scenarios = new ArrayList<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.startsWith("--")) {
				if (i + 1 >= args.size()) {
					usage("no value for " + arg);
				}
				options.put(arg.substring(2), args.get(++i));
			}
			else {
				scenarios.add(scenario(arg));
			}
		}
		String server = required(options, "server");
		String host = options.getOrDefault("host", "127.0.0.1");
		InetSocketAddress address = new InetSocketAddress(host, Integer.parseInt(required(options, "port")));
		Protocol protocol = switch (required(options, "protocol")) {
			case "chat" -> new ChatProtocol(address);
			case "irc" -> new IrcProtocol(address);
			default -> throw new IllegalArgumentException("--protocol is chat or irc");
		};
		InetSocketAddress http = options.containsKey("http-port")
				? new InetSocketAddress(host, Integer.parseInt(options.get("http-port"))) : null;
		int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
		int warmups = Integer.parseInt(options.getOrDefault("warmup", "1"));
		int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
		int inflight = Integer.parseInt(options.getOrDefault("inflight", "64"));
		List<InetAddress> sources = new ArrayList<>();
		int sourceCount = Integer.parseInt(options.getOrDefault("sources", "8"));
		for (int s = 0; s < sourceCount; s++) {
			sources.add(InetAddress.getByName("127.0.0." + (2 + s)));
		}
		Path results = Path.of(options.getOrDefault("results", "bench-results.tsv"));
		List<NioLoop> loops = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			loops.add(new NioLoop(t, true));
		}
		Context context = new Context(server, protocol, loops, Long.parseLong(options.getOrDefault("pid", "0")), http,
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("max-seconds", "600"))), inflight, sources,
				options.get("jcmd"), new Context.Tags());

		int users = scenarios.stream().filter((s) -> s.supports(context)).mapToInt(Scenario::usersNeeded).max().orElse(0);
		long prepareStart = System.nanoTime();
		protocol.prepareUsers(users, loops);
		if (protocol instanceof ChatProtocol && users > 0) {
			System.out.printf(Locale.ROOT, "[%s] %d users registered and logged in (%.1f s)%n", server, users,
					(System.nanoTime() - prepareStart) / 1e9);
		}
		for (Scenario scenario : scenarios) {
			if (!scenario.supports(context)) {
				System.out.printf("[%s] %s: not applicable%n", server, scenario.label());
				continue;
			}
			for (int warmup = 1; scenario.warmsUp() && warmup <= warmups; warmup++) {
				for (Outcome outcome : runOnce(scenario, context)) {
					System.out.printf("[%s] %s warm-up %d/%d (not counted): %s%n", server, outcome.label(), warmup,
							warmups, outcome.ok() ? "OK" : "FAILED: " + String.join(" | ", outcome.problems()));
				}
			}
			for (int run = 1; run <= runs; run++) {
				List<Outcome> outcomes = runOnce(scenario, context);
				for (Outcome outcome : outcomes) {
					print(server, run, runs, outcome);
					append(results, server, run, outcome);
				}
			}
		}
		for (NioLoop loop : loops) {
			loop.close();
		}
	}

	private static List<Outcome> runOnce(Scenario scenario, Context context) {
		try {
			return scenario.run(context);
		}
		catch (Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return List.of(new Outcome(scenario.label(), Map.of(), List.of("run failed: " + cause)));
		}
	}

	private static void print(String server, int run, int runs, Outcome outcome) {
		String metrics = outcome.metrics()
			.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + Report.format(e.getValue()))
			.collect(Collectors.joining(" "));
		System.out.printf("[%s] %s run %d/%d: %s %s%n", server, outcome.label(), run, runs, metrics,
				outcome.ok() ? "OK" : "FAILED: " + String.join(" | ", outcome.problems()));
	}

	/** One line per run: server, label, run, ok or FAILED, metrics, problems. */
	private static void append(Path results, String server, int run, Outcome outcome) throws IOException {
		String metrics = outcome.metrics()
			.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining(";"));
		String line = String.join("\t", server, outcome.label(), Integer.toString(run), outcome.ok() ? "ok" : "FAILED",
				metrics, String.join(" | ", outcome.problems()).replace('\t', ' ').replace('\n', ' ')) + "\n";
		Files.writeString(results, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	static Scenario scenario(String spec) {
		String[] parts = spec.split(":", 2);
		Map<String, Integer> p = new HashMap<>();
		if (parts.length > 1 && !parts[1].isBlank()) {
			for (String pair : parts[1].split(",")) {
				String[] kv = pair.split("=", 2);
				if (kv.length != 2) {
					usage("bad scenario parameter " + pair + " in " + spec);
				}
				p.put(kv[0].trim().toLowerCase(Locale.ROOT), Integer.parseInt(kv[1].trim().replace("_", "")));
			}
		}
		int window = p.getOrDefault("w", 4);
		int size = p.getOrDefault("size", 64);
		return switch (parts[0]) {
			case "fanout" -> new Fanout(p.getOrDefault("c", 50), p.getOrDefault("m", 2000), window, size);
			case "dm" -> new DirectMessages(p.getOrDefault("p", 50), p.getOrDefault("m", 2000), window, size,
					p.getOrDefault("poll", 1) != 0);
			case "idle" -> new Idle(p.getOrDefault("n", 10_000), p.getOrDefault("rooms", 100));
			case "rest" -> new Rest(p.getOrDefault("c", 16), p.getOrDefault("m", 500), p.getOrDefault("s", 20),
					p.getOrDefault("p", 4), p.getOrDefault("n", 250), window, size);
			case "auth" -> new Auth(p.getOrDefault("n", 200), p.getOrDefault("c", 4));
			default -> throw new IllegalArgumentException("unknown scenario " + parts[0]);
		};
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			usage("--" + name + " is required");
		}
		return value;
	}

	private static void usage(String problem) {
		System.err.println("bench: " + problem + "\nsee the comment of org.progjar.chat.bench.Bench or docs/performance.md");
		System.exit(2);
	}

}

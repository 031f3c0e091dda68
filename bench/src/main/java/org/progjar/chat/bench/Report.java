package org.progjar.chat.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Turns the results of all servers into one markdown table: medians of the runs that had no
 * problem, the servers side by side, and ours as a ratio of InspIRCd's. Prints it, and puts it
 * between the result markers of the performance document.
 */
final class Report {

	static final String START = "<!-- bench:results:start -->";

	static final String END = "<!-- bench:results:end -->";

	private static final List<String> SERVERS = List.of("ours", "ngircd", "inspircd");

	private static final Map<String, String> TITLES = Map.of("ours", "ours", "ngircd", "ngircd", "inspircd", "InspIRCd");

	private static final String REFERENCE = "inspircd";

	private static final List<String> KIND_ORDER = List.of("fanout", "dm", "idle", "auth", "rest", "start-up");

	private Report() {
	}

	static void main(List<String> args) throws IOException {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.size(); i += 2) {
			options.put(args.get(i).replaceFirst("^--", ""), args.get(i + 1));
		}
		List<Row> rows = read(Path.of(options.get("results")));
		Properties machine = new Properties();
		if (options.containsKey("machine")) {
			try (Reader in = Files.newBufferedReader(Path.of(options.get("machine")), StandardCharsets.UTF_8)) {
				machine.load(in);
			}
		}
		String markdown = render(rows, machine);
		System.out.println(markdown);
		if (options.containsKey("doc")) {
			Path doc = Path.of(options.get("doc"));
			String text = Files.exists(doc) ? Files.readString(doc) : START + "\n" + END + "\n";
			int start = text.indexOf(START);
			int end = text.indexOf(END);
			if (start < 0 || end < start) {
				throw new IllegalStateException(doc + " has no " + START + " ... " + END + " block");
			}
			Files.writeString(doc, text.substring(0, start + START.length()) + "\n" + markdown + "\n" + text.substring(end));
			System.out.println("bench: table written to " + doc);
		}
	}

	/** One run of one scenario on one server, as {@link Bench} appended it. */
	record Row(String server, String label, int run, boolean ok, Map<String, Double> metrics, String problems) {
	}

	static List<Row> read(Path results) throws IOException {
		List<Row> rows = new ArrayList<>();
		for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
			if (line.isBlank()) {
				continue;
			}
			String[] f = line.split("\t", -1);
			Map<String, Double> metrics = new LinkedHashMap<>();
			if (f.length > 4 && !f[4].isBlank()) {
				for (String kv : f[4].split(";")) {
					String[] pair = kv.split("=", 2);
					metrics.put(pair[0], Double.parseDouble(pair[1]));
				}
			}
			rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), f[3].equals("ok"), metrics, (f.length > 5) ? f[5] : ""));
		}
		return rows;
	}

	static String render(List<Row> rows, Properties machine) {
		List<String> labels = new ArrayList<>();
		for (Row row : rows) {
			if (!labels.contains(row.label())) {
				labels.add(row.label());
			}
		}
		labels.sort(Comparator.comparingInt(Report::kindRank));
		List<String> servers = new ArrayList<>(SERVERS);
		rows.stream().map(Row::server).distinct().filter((s) -> !servers.contains(s)).forEach(servers::add);

		StringBuilder md = new StringBuilder();
		describe(md, machine);
		md.append("\n| scenario | metric |");
		servers.forEach((s) -> md.append(' ').append(TITLES.getOrDefault(s, s)).append(" |"));
		md.append(" ours ÷ InspIRCd |\n|---|---|");
		servers.forEach((s) -> md.append("---|"));
		md.append("---|\n");
		for (String label : labels) {
			for (Metric metric : metricsOf(label)) {
				md.append("| ").append(label).append(" | ").append(metric.title).append(" |");
				for (String server : servers) {
					md.append(' ').append(cell(rows, server, label, metric)).append(" |");
				}
				md.append(' ').append(ratio(rows, label, metric)).append(" |\n");
			}
		}
		List<Row> failed = rows.stream().filter((r) -> !r.ok()).toList();
		if (!failed.isEmpty()) {
			md.append("\nRuns with problems (not counted in the medians):\n\n");
			for (Row row : failed) {
				md.append("- ").append(row.server()).append(", ").append(row.label()).append(", run ").append(row.run())
					.append(": ").append(row.problems().replace("|", "\\|")).append('\n');
			}
		}
		return md.toString();
	}

	private static void describe(StringBuilder md, Properties machine) {
		String[][] keys = { { "status", "Status" }, { "command", "Command" }, { "date", "Date" },
				{ "machine", "Machine" }, { "load", "Load average" }, { "jdk", "JDK" },
				{ "ours", "Our server" }, { "inspircd", "InspIRCd" }, { "ngircd", "ngircd" },
				{ "generator", "Generator" }, { "duration", "Duration of the whole run" } };
		for (String[] key : keys) {
			String value = machine.getProperty(key[0]);
			if (value != null && !value.isBlank()) {
				md.append("- ").append(key[1]).append(": ").append(value).append('\n');
			}
		}
	}

	private static int kindRank(String label) {
		for (int i = 0; i < KIND_ORDER.size(); i++) {
			if (label.startsWith(KIND_ORDER.get(i))) {
				return i;
			}
		}
		return KIND_ORDER.size();
	}

	/** A table line: a metric and how to show it. */
	private record Metric(String title, List<String> names, boolean higherIsBetter, boolean latency) {
	}

	private static List<Metric> metricsOf(String label) {
		Metric latency = new Metric("latency p50 / p99 / max (ms)", List.of("p50_ms", "p99_ms", "max_ms"), false, true);
		if (label.startsWith("fanout")) {
			return List.of(new Metric("deliveries/s", List.of("deliveries_per_s"), true, false), latency);
		}
		if (label.startsWith("dm")) {
			String how = label.endsWith("(push)") ? "messages/s" : "messages/s (ours: inbox polling)";
			return List.of(new Metric(how, List.of("messages_per_s"), true, false), latency);
		}
		if (label.startsWith("idle")) {
			return List.of(new Metric("KiB per connection (RSS)", List.of("kib_per_connection"), false, false),
					new Metric("connections set up/s", List.of("connections_per_s"), true, false));
		}
		if (label.startsWith("auth")) {
			return List.of(new Metric("logins/s", List.of("auth_per_s"), true, false));
		}
		if (label.startsWith("rest POST")) {
			return List.of(new Metric("requests/s", List.of("requests_per_s"), true, false), latency);
		}
		if (label.startsWith("rest room")) {
			return List.of(new Metric("posts/s", List.of("posts_per_s"), true, false),
					new Metric("SSE deliveries/s", List.of("deliveries_per_s"), true, false), latency);
		}
		if (label.startsWith("start-up")) {
			return List.of(new Metric("to all listening ports (ms)", List.of("startup_ms"), false, false));
		}
		return List.of();
	}

	private static String cell(List<Row> rows, String server, String label, Metric metric) {
		List<Row> runs = rows.stream().filter((r) -> r.server().equals(server) && r.label().equals(label)).toList();
		if (runs.isEmpty()) {
			return "n/a";
		}
		List<Row> ok = runs.stream().filter(Row::ok).toList();
		if (ok.isEmpty()) {
			return "failed";
		}
		List<String> values = new ArrayList<>();
		for (String name : metric.names) {
			Double median = median(ok, name);
			values.add((median == null) ? "?" : format(median));
		}
		String text = String.join(" / ", values);
		return (ok.size() < runs.size()) ? text + " (" + ok.size() + "/" + runs.size() + " ok)" : text;
	}

	private static String ratio(List<Row> rows, String label, Metric metric) {
		String name = metric.latency ? "p99_ms" : metric.names.getFirst();
		Double ours = median(okRuns(rows, "ours", label), name);
		Double reference = median(okRuns(rows, REFERENCE, label), name);
		if (ours == null || reference == null || reference == 0) {
			return "";
		}
		return (metric.latency ? "p99 " : "") + format(ours / reference) + "×";
	}

	private static List<Row> okRuns(List<Row> rows, String server, String label) {
		return rows.stream().filter((r) -> r.ok() && r.server().equals(server) && r.label().equals(label)).toList();
	}

	static Double median(List<Row> runs, String name) {
		List<Double> values = runs.stream().map((r) -> r.metrics().get(name)).filter((v) -> v != null).sorted().toList();
		if (values.isEmpty()) {
			return null;
		}
		int n = values.size();
		return (n % 2 == 1) ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
	}

	/** Three significant digits, with k and M for thousands and millions. */
	static String format(double value) {
		double abs = Math.abs(value);
		if (abs >= 1e6) {
			return significant(value / 1e6) + "M";
		}
		if (abs >= 1e4) {
			return significant(value / 1e3) + "k";
		}
		return significant(value);
	}

	private static String significant(double value) {
		double abs = Math.abs(value);
		if (abs >= 100 || abs == 0) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (abs >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		if (abs >= 1) {
			return String.format(Locale.ROOT, "%.2f", value);
		}
		return String.format(Locale.ROOT, "%.3f", value);
	}

}

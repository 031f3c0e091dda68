package org.progjar.chat.bench;

import java.util.List;
import java.util.Map;

/**
 * One run of one scenario on one server.
 * @param label the scenario and its parameters, as the table shows them
 * @param metrics name to value; see {@link Report} for the names
 * @param problems what went wrong (lost, repeated or reordered messages, errors,
 * disconnects, time-outs); a run with problems is not counted
 */
record Outcome(String label, Map<String, Double> metrics, List<String> problems) {

	boolean ok() {
		return this.problems.isEmpty();
	}

}

package org.progjar.chat.bench;

import java.util.List;

/** One benchmark scenario with its parameters; each call of {@link #run} is one run. */
interface Scenario {

	String label();

	/** How many users of the pool the scenario logs in as. */
	int usersNeeded();

	/** Whether it applies to this server at all (the REST API is ours alone). */
	boolean supports(Context context);

	List<Outcome> run(Context context) throws Exception;

	/**
	 * Whether an untimed run before the measured ones makes sense: it lets a JIT compile the
	 * server's hot paths (the IRC daemons are native and lose nothing by it). Not where a run
	 * measures what the server holds from a fresh start.
	 */
	default boolean warmsUp() {
		return true;
	}

}
